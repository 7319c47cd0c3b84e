import Foundation
import Neural

/// Reads the model a command serves or predicts with, turning a file problem into a `ServeError`.
enum ModelLoading {
    static func read(_ path: String) throws(ServeError) -> SavedModel {
        do {
            return try SavedModel.read(from: URL(fileURLWithPath: path))
        } catch {
            if error.isUnreadableFile {
                throw .missingFile("\(error.description) (the model given as \(path)); save one with "
                                   + "gradschool train ... --save model.safetensors")
            }
            throw .badInput(error.description)
        }
    }
}
