import Foundation
import Testing
import ChorusCore

@Suite struct SharingWallTests {
    let mine = UUID(), theirs = UUID()

    @Test func eachWallLetsThroughWhatItsReaderMaySee() {
        let staff = SharingWall.organisation(mine)
        #expect(staff.lets(.public, recordedBy: theirs) && staff.lets(.partnership, recordedBy: theirs))
        #expect(staff.lets(.organisation, recordedBy: mine) && !staff.lets(.organisation, recordedBy: theirs))
        #expect(SharingWall.partnership.lets(.partnership, recordedBy: theirs))
        #expect(!SharingWall.partnership.lets(.organisation, recordedBy: mine) && !SharingWall.partnership.lets(.organisation, recordedBy: theirs))
        #expect(SharingWall.publicOnly.lets(.public, recordedBy: theirs))
        #expect(!SharingWall.publicOnly.lets(.partnership, recordedBy: theirs) && !SharingWall.publicOnly.lets(.organisation, recordedBy: theirs))
    }

    @Test func onlyTheRecordingOrganisationSeesPersonalData() {
        #expect(SharingWall.organisation(mine).seesPersonalData(of: mine))
        #expect(!SharingWall.organisation(mine).seesPersonalData(of: theirs))
        #expect(!SharingWall.partnership.seesPersonalData(of: mine) && !SharingWall.publicOnly.seesPersonalData(of: mine))
        #expect(SharingWall(staffOf: nil) == .publicOnly && SharingWall(staffOf: mine) == .organisation(mine))
    }
}
