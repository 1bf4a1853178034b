import Fluent
import Foundation
import Testing
import Vapor
@testable import Chorus
@testable import ChorusCore

@Suite(.serialized) struct CrowdfundPhotoHTTPTests {
    @Test func aCreatorsPhotosAreCheckedShownWithTheirAltTextAndRemovable() async throws {
        try await TestApp.run { app, f in
            try await Surveys.ward(app)
            let maker = Browser(app)
            let id = try await CrowdfundHTTPTests.startedProject(app, resident: maker, email: "maker@example.org")
            let url = SiteURL.Crowdfunding.photos(id)
            #expect(try await maker.get(url).status == .ok)
            // Another resident cannot reach the creator's photo page.
            let other = Browser(app)
            try await Residents.signIn(app, other, "other@example.org")
            #expect(try await other.get(url).status == .notFound)

            let png = BudgetRoundHTTPTests.pngWithLocation()
            let noAlt = try await maker.postMultipart(url, [FormPart(name: "image", filename: "planters.png", bytes: png)])
            #expect(noAlt.status == .badRequest && noAlt.body.string.contains("Say what the photo shows"))
            let notImage = try await maker.postMultipart(
                url,
                [
                    FormPart(name: "image", filename: "planters.png", bytes: Array("<svg onload=alert(1)>".utf8)),
                    FormPart(name: "image_alt", bytes: Array("x".utf8)),
                ])
            #expect(notImage.status == .badRequest && notImage.body.string.contains("The file is not a JPEG or PNG photo"))
            let twoLines = try await maker.postMultipart(
                url, [FormPart(name: "image", filename: "a.png", bytes: png), FormPart(name: "image_alt", bytes: Array("one\r\ntwo".utf8))])
            #expect(twoLines.status == .badRequest && twoLines.body.string.contains("in one line"))
            #expect(try await CrowdfundPhotos.meta(of: id, app.db).isEmpty, "nothing half-saved")

            let alt = "The \"old\" <b>planters</b> & 'wall' =SUM(A1)"
            for n in 1...4 {
                let added = try await maker.postMultipart(
                    url, [FormPart(name: "image", filename: "p\(n).png", bytes: png), FormPart(name: "image_alt", bytes: Array("\(alt) \(n)".utf8))])
                #expect(added.status == .seeOther, "\(added.status) \(added.body.string.prefix(300))")
            }
            let fifth = try await maker.postMultipart(
                url, [FormPart(name: "image", filename: "p5.png", bytes: png), FormPart(name: "image_alt", bytes: Array("five".utf8))])
            #expect(fifth.status == .badRequest && fifth.body.string.contains("at most 4 photos"))
            let photos = try await CrowdfundPhotos.meta(of: id, app.db)
            #expect(photos.map(\.position) == [1, 2, 3, 4])

            // Before staff verify it, only its creator and staff see a photo.
            let photoURL = SiteURL.Crowdfunding.photo(id, photos[0].id)
            #expect(try await Browser(app).get(photoURL).status == .notFound)
            #expect(try await other.get(photoURL).status == .notFound)
            let mine = try await maker.get(photoURL)
            #expect(mine.status == .ok && mine.headers.first(name: .cacheControl) == "private, no-store")
            let staff = Browser(app)
            try await staff.signIn(f.officer)
            #expect(try await staff.get(photoURL).status == .ok)

            try await CrowdfundHTTPTests.verify(app, f, id)
            let served = try await Browser(app).get(photoURL)
            #expect(served.status == .ok && served.headers.first(name: .contentType) == "image/png")
            #expect(served.headers.first(name: "X-Content-Type-Options") == "nosniff")
            #expect(!String(decoding: Array(served.body.readableBytesView), as: UTF8.self).contains("Location"), "where it was taken is removed")
            // A photo of another project is not found under this one.
            #expect(try await Browser(app).get(SiteURL.Crowdfunding.photo(UUID(), photos[0].id)).status == .notFound)

            // The alt text comes back escaped in the attribute, on the project page and the list.
            let escaped = "alt=\"The &quot;old&quot; &lt;b&gt;planters&lt;/b&gt; &amp; &#39;wall&#39; =SUM(A1) 1\""
            let lenient = "alt=\"The &quot;old&quot; &lt;b&gt;planters&lt;/b&gt; &amp; 'wall' =SUM(A1) 1\""
            let page = try await Browser(app).get(SiteURL.Crowdfunding.project(id)).body.string
            #expect(page.contains(escaped) || page.contains(lenient))
            #expect(page.components(separatedBy: "class=\"project-photo\"").count == 5)
            let list = try await Browser(app).get(SiteURL.Crowdfunding.list).body.string
            #expect(list.contains(escaped) || list.contains(lenient), "the first photo shows on the list")
            #expect(list.components(separatedBy: "class=\"project-photo\"").count == 2)

            // The creator removes one; staff remove another (moderation); both are audited.
            #expect(try await maker.post(SiteURL.Crowdfunding.removePhoto(id, photos[3].id), [:]).status == .seeOther)
            #expect(try await other.post(SiteURL.Crowdfunding.removePhoto(id, photos[2].id), [:]).status == .notFound)
            _ = try await staff.get(SiteURL.Crowdfunding.manageProject(id))
            #expect(try await staff.post(SiteURL.Crowdfunding.staffRemovePhoto(id, photos[0].id), [:]).status == .seeOther)
            #expect(try await CrowdfundPhotos.meta(of: id, app.db).map(\.id) == [photos[1].id, photos[2].id])
            #expect(try await Browser(app).get(photoURL).status == .notFound)
            let audit = try await AuditEvent.query(on: app.db).filter(\.$entity == CrowdfundProjectService.entity).all()
            #expect(audit.filter { $0.after?.contains("removed") == true }.count == 2)
        }
    }
}
