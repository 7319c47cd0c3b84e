/// One answer of the service: an HTTP status and a JSON body.
public struct ServiceResponse: Sendable, Equatable {
    public var status: Int
    /// The JSON text of the body.
    public var body: String
    /// The rows a prediction answered, counted in the metrics and the drift (empty for anything else).
    public var rows: [[Float]]

    public init(status: Int, body: String, rows: [[Float]] = []) {
        self.status = status
        self.body = body
        self.rows = rows
    }

    /// A refusal: the status and `{"error": "sentence"}`.
    public static func refusal(_ error: PredictionRequestError) -> ServiceResponse {
        ServiceResponse(status: error.status, body: JSONText.object([("error", JSONText.string(error.description))]))
    }

    /// Any other refusal with its sentence.
    public static func refusal(status: Int, sentence: String) -> ServiceResponse {
        ServiceResponse(status: status, body: JSONText.object([("error", JSONText.string(sentence))]))
    }
}
