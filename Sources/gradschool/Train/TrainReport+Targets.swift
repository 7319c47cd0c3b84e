import Foundation
import Neural

extension TrainReport {
    /// The line that says regression targets were standardised while training, and in which units the
    /// numbers appear.
    static func targetNote(_ standardization: TargetStandardization, data: PreparedData) -> String {
        let columns = zip(standardization.means, standardization.standardDeviations).map { mean, deviation in
            "mean \(String(format: "%.4g", mean)), standard deviation \(String(format: "%.4g", deviation))"
        }
        return "the target was standardised for training (\(columns.joined(separator: "; "))): losses while training are in "
            + "standard units; predictions, metrics and the saved model are in the target's own units"
    }
}
