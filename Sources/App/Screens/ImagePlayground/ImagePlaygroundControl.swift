import Canvas
import Neural

/// One setting of the image playground: up and down choose it, left and right change it.
enum ImagePlaygroundControl: Equatable, Sendable {
    case blocks
    case filters(block: Int)
    case kernel(block: Int)
    case optimizer, learningRate, batchSize, speed

    /// What a change asks of the run.
    enum Change: Equatable {
        case none
        /// Other layers: new weights, the run starts again.
        case network
        case learningRate
        /// Another optimizer or batch size: the run starts again from the weights it has.
        case training
        case speed
    }

    /// The controls for `configuration`, in the order they are listed.
    static func all(for configuration: ImagePlaygroundConfiguration) -> [ImagePlaygroundControl] {
        [.blocks] + configuration.blocks.indices.flatMap { [ImagePlaygroundControl.filters(block: $0), .kernel(block: $0)] }
            + [.optimizer, .learningRate, .batchSize, .speed]
    }

    /// The block a control is about, if any.
    var block: Int? {
        switch self {
        case .filters(let block), .kernel(let block): block
        default: nil
        }
    }

    var isLayerControl: Bool {
        switch self {
        case .blocks, .filters, .kernel: true
        default: false
        }
    }

    func label(glyphs: GlyphSet) -> String {
        switch self {
        case .blocks: "conv blocks"
        case .filters(let block): "conv \(block + 1) filters"
        case .kernel(let block): "conv \(block + 1) kernel"
        case .optimizer: "optimizer"
        case .learningRate: "learning rate"
        case .batchSize: "batch size"
        case .speed: "speed"
        }
    }

    func value(in configuration: ImagePlaygroundConfiguration, glyphs: GlyphSet) -> String {
        let by = glyphs.isUnicode ? "×" : "x"
        switch self {
        case .blocks: return "\(configuration.blocks.count)"
        case .filters(let block):
            return configuration.blocks.indices.contains(block) ? "\(configuration.blocks[block].filters)" : "-"
        case .kernel(let block):
            guard configuration.blocks.indices.contains(block) else { return "-" }
            let kernel = configuration.blocks[block].kernel
            return "\(kernel)\(by)\(kernel)"
        case .optimizer: return configuration.optimizer.name
        case .learningRate: return PlaygroundConfiguration.number(configuration.learningRate)
        case .batchSize: return "\(configuration.batchSize)"
        case .speed: return configuration.speed == .slow ? "slow (a batch a frame)" : "full"
        }
    }

    /// Changes `configuration` one step; the caller checks that new layers fit before keeping them.
    func adjust(_ configuration: inout ImagePlaygroundConfiguration, by step: Int) -> Change {
        switch self {
        case .blocks:
            if step > 0 {
                configuration.blocks.append(configuration.blocks.last ?? ImagePlaygroundConfiguration.ConvBlock(filters: 8, kernel: 3))
            } else {
                guard !configuration.blocks.isEmpty else { return .none }
                configuration.blocks.removeLast()
            }
            return .network
        case .filters(let block):
            guard configuration.blocks.indices.contains(block) else { return .none }
            let range = ImagePlaygroundConfiguration.filterCounts
            let next = min(max(configuration.blocks[block].filters + step, range.lowerBound), range.upperBound)
            guard next != configuration.blocks[block].filters else { return .none }
            configuration.blocks[block].filters = next
            return .network
        case .kernel(let block):
            guard configuration.blocks.indices.contains(block) else { return .none }
            let next = Self.neighbour(of: configuration.blocks[block].kernel, in: ImagePlaygroundConfiguration.kernelSizes, step: step)
            guard next != configuration.blocks[block].kernel else { return .none }
            configuration.blocks[block].kernel = next
            return .network
        case .optimizer:
            let names = OptimizerKind.all.map(\.name)
            let index = names.firstIndex(of: configuration.optimizer.name) ?? 0
            configuration.optimizer = OptimizerKind.all[(index + step + names.count) % names.count]
            return .training
        case .learningRate:
            let next = Self.neighbour(of: configuration.learningRate, in: ImagePlaygroundConfiguration.learningRates, step: step)
            guard next != configuration.learningRate else { return .none }
            configuration.learningRate = next
            return .learningRate
        case .batchSize:
            let next = Self.neighbour(of: configuration.batchSize, in: ImagePlaygroundConfiguration.batchSizes, step: step)
            guard next != configuration.batchSize else { return .none }
            configuration.batchSize = next
            return .training
        case .speed:
            configuration.speed = configuration.speed == .slow ? .full : .slow
            return .speed
        }
    }

    /// The value `step` places along `values` from the last one not above `value`, kept inside the list.
    static func neighbour<Value: Comparable>(of value: Value, in values: [Value], step: Int) -> Value {
        let nearest = values.lastIndex { $0 <= value } ?? 0
        return values[min(max(nearest + step, 0), values.count - 1)]
    }
}
