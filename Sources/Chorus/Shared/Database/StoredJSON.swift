import Foundation

/// Values kept as JSON text in a column (budgeting's settings, ballot rules, choices and frozen outcome; a panel
/// member's profile and a selection's targets): sorted keys, so equal values store equal text. Decoding what cannot be
/// read gives nil, and the caller says what that means.
enum StoredJSON {
    static func encode<T: Encodable>(_ value: T) -> String {
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys]
        return String(decoding: (try? enc.encode(value)) ?? Data("{}".utf8), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ json: String) -> T? { try? JSONDecoder().decode(T.self, from: Data(json.utf8)) }
}
