import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// The HTTP server of `chaingraph serve` (SPEC §7): Hummingbird 2 moving bytes between
/// sockets and ``ChainMapAPI``, which answers every request. One responder for every path:
/// no router, no file middleware, so nothing but the API and the page can be served.
public enum ChainMapServer {
    /// Serves `api` on `host:port` until SIGINT or SIGTERM.
    /// - Parameters:
    ///   - host: the address to bind (loopback unless the user says otherwise).
    ///   - port: the TCP port; 0 picks a free one.
    ///   - onReady: called once the socket listens, with the bound port.
    public static func run(_ api: ChainMapAPI, host: String, port: Int, onReady: @escaping @Sendable (Int) -> Void) async throws {
        var logger = Logger(label: "chaingraph.serve")
        logger.logLevel = .warning
        let app = Application(
            responder: Responder(api: api),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "chaingraph"),
            onServerRunning: { channel in onReady(channel.localAddress?.port ?? port) },
            logger: logger
        )
        try await app.runService()
    }

    /// Every request to ``ChainMapAPI/respond(to:)``, with headers that keep the page
    /// self-contained: a content security policy allowing nothing but this origin and the
    /// page's inline script and style, no caching, no MIME sniffing.
    struct Responder: HTTPResponder {
        typealias Context = BasicRequestContext
        let api: ChainMapAPI

        func respond(to request: Request, context: BasicRequestContext) async throws -> Response {
            let r = api.respond(to: APIRequest(method: request.method.rawValue, target: request.head.path ?? "/"))
            var headers: HTTPFields = [.contentType: r.contentType, .cacheControl: "no-store"]
            headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
            headers[HTTPField.Name("Content-Security-Policy")!] =
                "default-src 'none'; connect-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
            if let d = r.disposition { headers[.contentDisposition] = d }
            var buffer = ByteBuffer(string: r.body)
            if request.method == .head {
                headers[.contentLength] = String(buffer.readableBytes)
                buffer = ByteBuffer()
            }
            return Response(status: HTTPResponse.Status(code: r.status), headers: headers, body: ResponseBody(byteBuffer: buffer))
        }
    }
}
