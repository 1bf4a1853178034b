import Fluent
import SQLKit

// Frozen: shipped. Never edit this migration; change the schema with a new one (docs/development.md, "Migrations").

/// Indexes for the insight list at a million insights (bench/README.md, "Insight store at 1,000,000").
///
/// - The sharing wall is in every query, so the indexes that lists walk carry `sharing` and `organisation_id`: a
///   count or a page checks the wall inside the index instead of reading each row. They replace `insights_heard`
///   and `insights_place_heard`, which they extend.
/// - A theme's insights carry copies of what lists filter by (place, day heard, sharing, organisation) on their
///   `insight_themes` rows, kept in step by triggers, so "this theme in this ward, newest first" and its count come
///   from one index range instead of intersecting a theme's tens of thousands of insights with a ward's.
struct SpeedUpInsightLists: AsyncMigration {
    func prepare(on db: any Database) async throws {
        // One column a statement: SQLite's ALTER TABLE adds one at a time.
        try await db.schema("insight_themes").field("place_id", .uuid).update()
        try await db.schema("insight_themes").field("heard_day", .int).update()
        try await db.schema("insight_themes").field("sharing", .string).update()
        try await db.schema("insight_themes").field("organisation_id", .uuid).update()
        guard let sql = db as? any SQLDatabase else { return }
        // Existing links take their insight's values.
        try await sql.raw(
            """
            UPDATE insight_themes SET ("place_id", "heard_day", "sharing", "organisation_id") =
              (SELECT "place_id", "heard_day", "sharing", "organisation_id" FROM insights WHERE insights.id = insight_themes.insight_id)
            """
        ).run()
        if sql.dialect.name == "postgresql" {
            try await sql.raw(
                """
                CREATE FUNCTION insight_themes_copy() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  SELECT i.place_id, i.heard_day, i.sharing, i.organisation_id
                    INTO NEW.place_id, NEW.heard_day, NEW.sharing, NEW.organisation_id
                    FROM insights i WHERE i.id = NEW.insight_id;
                  RETURN NEW;
                END $$
                """
            ).run()
            try await sql.raw(
                """
                CREATE TRIGGER insight_themes_copy BEFORE INSERT OR UPDATE OF insight_id ON insight_themes
                  FOR EACH ROW EXECUTE FUNCTION insight_themes_copy()
                """
            ).run()
            try await sql.raw(
                """
                CREATE FUNCTION insights_copy_to_themes() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  UPDATE insight_themes SET place_id = NEW.place_id, heard_day = NEW.heard_day, sharing = NEW.sharing,
                    organisation_id = NEW.organisation_id WHERE insight_id = NEW.id;
                  RETURN NULL;
                END $$
                """
            ).run()
            try await sql.raw(
                """
                CREATE TRIGGER insights_copy_to_themes AFTER UPDATE OF place_id, heard_day, sharing, organisation_id ON insights
                  FOR EACH ROW EXECUTE FUNCTION insights_copy_to_themes()
                """
            ).run()
        } else {
            try await sql.raw(
                """
                CREATE TRIGGER insight_themes_copy AFTER INSERT ON insight_themes BEGIN
                  UPDATE insight_themes SET ("place_id", "heard_day", "sharing", "organisation_id") =
                    (SELECT "place_id", "heard_day", "sharing", "organisation_id" FROM insights WHERE insights.id = new.insight_id)
                  WHERE id = new.id;
                END
                """
            ).run()
            try await sql.raw(
                """
                CREATE TRIGGER insight_themes_copy_update AFTER UPDATE OF insight_id ON insight_themes BEGIN
                  UPDATE insight_themes SET ("place_id", "heard_day", "sharing", "organisation_id") =
                    (SELECT "place_id", "heard_day", "sharing", "organisation_id" FROM insights WHERE insights.id = new.insight_id)
                  WHERE id = new.id;
                END
                """
            ).run()
            try await sql.raw(
                """
                CREATE TRIGGER insights_copy_to_themes AFTER UPDATE OF place_id, heard_day, sharing, organisation_id ON insights BEGIN
                  UPDATE insight_themes SET place_id = new.place_id, heard_day = new.heard_day, sharing = new.sharing,
                    organisation_id = new.organisation_id WHERE insight_id = new.id;
                END
                """
            ).run()
        }
        for name in ["insights_heard", "insights_place_heard", "insight_themes_theme"] {
            try await sql.drop(index: name).run()
        }
        for (name, table, columns) in Self.indexes {
            let index = sql.create(index: name).on(table)
            for c in columns { _ = index.column(c) }
            try await index.run()
        }
    }

    private static let indexes: [(String, String, [String])] = [
        // Newest first, all insights (the id breaks ties in the list's order).
        ("insights_heard_wall", "insights", ["heard_day", "id", "sharing", "organisation_id"]),
        // A ward, newest first or between two days.
        ("insights_place_heard_wall", "insights", ["place_id", "heard_day", "sharing", "organisation_id"]),
        // A theme, newest first or between two days; a theme in a ward.
        ("insight_themes_theme_heard", "insight_themes", ["theme_id", "heard_day", "sharing", "organisation_id", "insight_id"]),
        ("insight_themes_theme_place", "insight_themes", ["theme_id", "place_id", "heard_day", "sharing", "organisation_id", "insight_id"]),
    ]

    func revert(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        for (name, _, _) in Self.indexes { try await sql.drop(index: name).run() }
        try await sql.create(index: "insights_heard").on("insights").column("heard_day").column("id").run()
        try await sql.create(index: "insights_place_heard").on("insights").column("place_id").column("heard_day").run()
        try await sql.create(index: "insight_themes_theme").on("insight_themes").column("theme_id").column("insight_id").run()
        if sql.dialect.name == "postgresql" {
            try await sql.raw("DROP TRIGGER IF EXISTS insight_themes_copy ON insight_themes").run()
            try await sql.raw("DROP TRIGGER IF EXISTS insights_copy_to_themes ON insights").run()
            try await sql.raw("DROP FUNCTION IF EXISTS insight_themes_copy()").run()
            try await sql.raw("DROP FUNCTION IF EXISTS insights_copy_to_themes()").run()
        } else {
            for trigger in ["insight_themes_copy", "insight_themes_copy_update", "insights_copy_to_themes"] {
                try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: trigger)").run()
            }
        }
        for column in ["place_id", "heard_day", "sharing", "organisation_id"] {
            try await db.schema("insight_themes").deleteField(.string(column)).update()
        }
    }
}
