import Foundation
import Neural
import PredictionService

/// A model small enough to compute by hand: two features scaled by (x − [1, 2]) / [2, 4], then one dense
/// layer to three logits and a softmax.
///
/// weights = [[1, 0], [0, 1], [0, 0]], bias = [0, 1, 0], so the logits of scaled features (s₁, s₂) are
/// (s₁, s₂ + 1, 0).
enum ServiceFixtures {
    static func model() throws -> SavedModel {
        let tensors = [
            NamedTensor(name: "0.weight", shape: [3, 2], values: [1, 0, 0, 1, 0, 0]),
            NamedTensor(name: "0.bias", shape: [3], values: [0, 1, 0]),
        ]
        let metadata = [
            "model_format": "gradschool-mlp/1", "sizes": "[2, 3]", "activations": "[]",
            "output_activation": "softmax", "loss": "ce",
            "feature_scaling": "standard", "feature_offsets": "[1, 2]", "feature_scales": "[2, 4]",
            "feature_names": "[\"x\", \"y\"]", "class_names": "[\"a\", \"b\", \"c\"]",
        ]
        return try SavedModel(tensors: tensors, metadata: metadata, fileName: "fixture.safetensors")
    }

    static func service(bodyLimit: Int = PredictionService.defaultBodyLimit, rowLimit: Int = 10_000,
                        driftWindow: Int = 200) throws -> PredictionService {
        PredictionService(model: try model(), bodyLimit: bodyLimit, rowLimit: rowLimit, driftWindow: driftWindow)
    }

    /// Softmax of a row of logits, in Double, straight from its formula e^zᵢ / Σⱼ e^zⱼ.
    static func softmax(_ logits: [Double]) -> [Double] {
        let exponentials = logits.map { exp($0) }
        let sum = exponentials.reduce(0, +)
        return exponentials.map { $0 / sum }
    }

    /// The body parsed back as a JSON object.
    static func object(_ response: ServiceResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(response.body.utf8))) as? [String: Any] ?? [:]
    }

    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
}
