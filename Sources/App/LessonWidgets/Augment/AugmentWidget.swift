import Neural

/// The `augment` widget's state: one handwritten digit from the bundled set and copies of it moved by
/// the engine's augmentation transforms (`ImageShift`, `ImageRotation`, `ImageAugmentation`), each
/// still the same digit with the same label.
struct AugmentWidget: InstantWidget, Equatable {
    /// One drawn copy: what was done to it, and its 8 × 8 pixels (0 blank, 1 full ink).
    struct Copy: Equatable {
        var name: String
        var pixels: [Float]
    }

    static let shape = ImageShape(width: 8, height: 8)
    /// The digits, loaded once per widget; empty when the bundled file cannot be read.
    let images: Matrix
    let labels: [Int]
    private(set) var index = 0
    /// Which random copy is drawn: Enter draws the next.
    private(set) var seed: UInt64 = 1

    init(settings: WidgetSettings) {
        if let digits = try? Dataset.digits() {
            images = digits.features
            labels = digits.labels
        } else {
            images = Matrix(rows: 0, columns: 64)
            labels = []
        }
    }

    var label: Int? { labels.indices.contains(index) ? labels[index] : nil }

    /// The digit and its copies: moved one pixel right and one down, turned 10° either way, and one
    /// random copy (a shift of up to a pixel, a turn of up to 10°, a little noise).
    var copies: [Copy] {
        guard images.rows > 0 else { return [] }
        let image = images.row(index)
        let random = ImageAugmentation(shape: Self.shape, maxShift: 1, maxDegrees: 10, noise: 0.05, valueRange: 0...1)
            .apply(to: Matrix(rows: 1, columns: 64, elements: image), seed: seed).elements
        return [
            Copy(name: "original", pixels: image),
            Copy(name: "right 1", pixels: ImageShift(right: 1, down: 0).apply(image, shape: Self.shape)),
            Copy(name: "down 1", pixels: ImageShift(right: 0, down: 1).apply(image, shape: Self.shape)),
            Copy(name: "−10°", pixels: ImageRotation(degrees: -10).apply(image, shape: Self.shape)),
            Copy(name: "+10°", pixels: ImageRotation(degrees: 10).apply(image, shape: Self.shape)),
            Copy(name: "random \(seed)", pixels: random),
        ]
    }

    var title: String { "one digit, moved: " + (label.map { "every copy is still a \($0)" } ?? "the digits could not be loaded") }

    var keyHints: [KeyHint] { [KeyHint("←→", "another digit"), KeyHint("Enter", "new random copy")] }

    var isAnimating: Bool { false }

    mutating func handle(_ key: Key) -> Bool {
        guard images.rows > 0 else { return false }
        switch key {
        case .left: index = (index + images.rows - 1) % images.rows
        case .right: index = (index + 1) % images.rows
        case .enter: seed += 1
        default: return false
        }
        return true
    }

    mutating func tick() {}

    mutating func reset() {
        index = 0
        seed = 1
    }

    static func == (lhs: AugmentWidget, rhs: AugmentWidget) -> Bool {
        lhs.index == rhs.index && lhs.seed == rhs.seed && lhs.images.rows == rhs.images.rows
    }
}
