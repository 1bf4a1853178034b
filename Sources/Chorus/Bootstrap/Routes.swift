import Vapor

/// Every route comes from a feature's declaration (`Features.all`).
func routes(_ app: Application) throws {
    Features.register(app)
}
