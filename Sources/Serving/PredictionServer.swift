import Foundation
import Hummingbird
import Logging
import NIOCore
import PredictionService

/// `PredictionService` behind HTTP: `POST /predict`, `GET /health` and `GET /metrics` on one address.
///
/// The server binds to 127.0.0.1 unless told another host, reads at most `service.bodyLimit` bytes of a
/// body (a larger one gets 413 before the rest is read), and answers every refusal with a JSON sentence.
/// Nothing a request says is read as a path or a setting: the model was loaded before the first request.
/// `run` returns once SIGINT (Ctrl-C) or SIGTERM has stopped the server and its open requests finished.
public struct PredictionServer: Sendable {
    public let service: PredictionService
    public var host: String
    /// The port to listen on; 0 lets the system choose a free one (reported to `onListening`).
    public var port: Int

    public init(service: PredictionService, host: String = "127.0.0.1", port: Int = 8080) {
        self.service = service
        self.host = host
        self.port = port
    }

    /// Serves until SIGINT or SIGTERM; `onListening` gets the host and port once requests are answered.
    public func run(onListening: @escaping @Sendable (_ host: String, _ port: Int) async -> Void) async throws {
        try await application(onListening: onListening).runService(gracefulShutdownSignals: [.sigterm, .sigint])
    }

    /// The Hummingbird application: its routes, its body limit and its quiet logger.
    func application(onListening: @escaping @Sendable (String, Int) async -> Void) -> some ApplicationProtocol {
        let router = Router()
        router.add(middleware: RefusalMiddleware(metrics: service.metrics))
        let service = service
        router.post("predict") { request, _ -> Response in
            let clock = ContinuousClock()
            let start = clock.now
            let answer: ServiceResponse
            switch await Self.body(of: request, limit: service.bodyLimit) {
            case .success(let bytes): answer = service.predict(body: bytes)
            case .failure(let error): answer = .refusal(error)
            }
            service.metrics.record(route: .predict, status: answer.status,
                                   seconds: PredictionService.seconds(clock.now - start), rows: answer.rows)
            return Self.response(answer)
        }
        router.get("health") { _, _ -> Response in
            Self.response(service.answer(.health))
        }
        router.get("metrics") { _, _ -> Response in
            Self.response(service.answer(.metrics))
        }
        var logger = Logger(label: "gradschool.serve")
        logger.logLevel = .error
        let host = host
        return Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "gradschool"),
            onServerRunning: { channel in
                await onListening(host, channel.localAddress?.port ?? 0)
            },
            logger: logger
        )
    }

    /// The body's bytes, or the refusal when it is larger than `limit`: a declared length over the limit is
    /// refused before anything is read, and a body without one is read only up to the limit.
    static func body(of request: Request, limit: Int) async -> Result<[UInt8], PredictionRequestError> {
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > limit {
            return .failure(.bodyTooLarge(bytes: declared, limit: limit))
        }
        var bytes: [UInt8] = []
        do {
            for try await buffer in request.body {
                guard bytes.count + buffer.readableBytes <= limit else {
                    return .failure(.bodyTooLarge(bytes: nil, limit: limit))
                }
                bytes.append(contentsOf: buffer.readableBytesView)
            }
        } catch {
            return .failure(.bodyTooLarge(bytes: nil, limit: limit))
        }
        return .success(bytes)
    }

    /// The HTTP response for an answer: its status and its JSON body.
    static func response(_ answer: ServiceResponse) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        let text = answer.body + "\n"
        return Response(status: HTTPResponse.Status(code: answer.status), headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}

/// Turns the router's own refusals (an unknown path, a wrong method) into JSON sentences, counted as
/// requests to no route.
struct RefusalMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: ServiceMetrics

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError {
            let sentence: String
            switch error.status {
            case .notFound:
                sentence = "There is nothing at \(request.method) \(request.uri.path). " + PredictionService.unknownRoute
            case .methodNotAllowed:
                sentence = "\(request.uri.path) does not answer \(request.method). " + PredictionService.unknownRoute
            default:
                sentence = error.body ?? "The request could not be answered (\(error.status.code))."
            }
            metrics.record(route: .other, status: error.status.code, seconds: nil)
            return PredictionServer.response(.refusal(status: error.status.code, sentence: sentence))
        }
    }
}
