import Foundation
import ChorusCore

enum ThemeBench {
    static func run(_ arguments: [String]) {
        FileHandle.standardError.write(Data("not written yet\n".utf8))
        exit(2)
    }
}
