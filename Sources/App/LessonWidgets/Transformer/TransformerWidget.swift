import Neural

/// The `transformer` widget: a tiny transformer learning to reverse (or sort) a few digits while the
/// learner watches, each head's attention weights on one fixed question drawn as a heatmap that
/// sharpens as it learns, and the share of 200 fixed questions it answers entirely right.
///
/// The model is token and position embeddings of d = 32, one pre-LayerNorm transformer block with two
/// causal heads, a final LayerNorm and a linear layer to the 13 symbols. It trains with Adam on a fresh
/// batch of 32 questions every step, `stepsPerTick` step a frame, in the widget's own state: a frame
/// never trains more than those few steps, and the same keys always give the same picture.
struct TransformerWidget: InstantWidget {
    static let architecture = "posembed 32 vocab 13, transformer 1 block 2 heads, layernorm, dense 13"
    static let heads = 2
    static let batchSize = 32
    static let learningRate: Float = 0.001
    /// Training steps per frame while playing (60 frames a second).
    static let stepsPerTick = 1
    /// The accuracy is measured every this many steps.
    static let measureEvery = 30
    /// Questions the accuracy is measured on, never changed.
    static let measuredCount = 200
    static let seed: UInt64 = 1

    let caption: String?
    private let settings: WidgetSettings
    let task: SequenceTask
    private(set) var network: Network
    private var optimizer: Optimizer
    private var batch: SequenceExamples
    private var random: RandomSource
    private var gradient: Matrix
    private let loss: SequenceLoss
    /// The questions the accuracy is measured on.
    let measured: SequenceExamples
    /// The one question whose attention is drawn.
    let shown: SequenceExamples
    private(set) var steps = 0
    private(set) var isPlaying = false
    /// The loss of the last batch (nats per answer digit); nil before the first step.
    private(set) var lastLoss: Float?
    /// The share of `measured` answered entirely right, at the last measurement.
    private(set) var sequenceAccuracy: Float = 0
    /// `attention[head][t][s]`: how much step t took from step s on the shown question.
    private(set) var attention: [[[Float]]] = []
    /// The model's answer to the shown question: the largest logit at each answer step.
    private(set) var answer: [Int] = []

    init(settings: WidgetSettings) {
        self.settings = settings
        caption = settings.caption
        let digits = min(max(settings.integer("digits", default: 4), 3), 6)
        task = settings.text("task", default: "reverse") == "sort" ? .sort(digits: digits) : .reverse(digits: digits)
        let (question, answer) = task.layout
        let stepCount = question + answer - 1
        // The architecture is the widget's own constant and always parses.
        network = (try? ArchitectureDescription(parsing: Self.architecture).network(inputShape: [stepCount], seed: Self.seed))
            ?? Network(layers: [])
        network.reserve(batchCapacity: Self.measuredCount)
        optimizer = Optimizer(.adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8), learningRate: Self.learningRate)
        optimizer.prepare(tensorSizes: network.parameterTensorSizes)
        batch = task.examples(count: Self.batchSize, seed: Self.seed)
        random = RandomSource(seed: Self.seed &+ 7)
        gradient = Matrix(rows: Self.batchSize, columns: network.outputSize)
        loss = SequenceLoss(for: batch)
        measured = task.examples(count: Self.measuredCount, seed: Self.seed &+ 1_000_003)
        shown = Self.question(Array(Self.shownDigits.prefix(digits)), task: task)
        refresh()
    }

    /// The digits of the question whose attention is drawn: all different, so each answer digit has one
    /// place to come from.
    static let shownDigits = [3, 8, 1, 5, 9, 2]

    /// One question of `task` on `digits`, question then answer, as an example: inputs, next-symbol
    /// targets, and a mask on the answer's steps (as `SequenceTask.examples` writes them).
    static func question(_ digits: [Int], task: SequenceTask) -> SequenceExamples {
        let answer: [Int]
        if case .sort = task { answer = digits.sorted() } else { answer = digits.reversed() }
        let sequence = digits + [SequenceTask.equals] + answer
        let steps = sequence.count - 1
        let questionLength = digits.count + 1
        return SequenceExamples(
            name: "\(task)", inputs: Matrix([sequence.prefix(steps).map(Float.init)]), targets: Matrix([sequence.dropFirst().map(Float.init)]),
            mask: Matrix([(0..<steps).map { $0 + 1 >= questionLength ? 1 : 0 }]), vocabularySize: SequenceTask.vocabularySize)
    }

    /// The steps of the question (its digits and "="), counting from 0; the answer follows.
    var questionLength: Int { task.layout.question }

    /// The symbols the model reads at each step of the shown question.
    var shownInputs: [Int] { shown.inputTokens(0) }

    /// The right answer to the shown question.
    var shownAnswer: [Int] { shown.maskedTargetTokens(0) }

    // MARK: Training

    /// One step of Adam on a fresh batch of questions.
    mutating func trainStep() {
        task.refill(&batch, using: &random)
        network.forward(batch.inputs, mode: .training)
        lastLoss = loss.evaluate(outputs: network.output, targets: batch.targets, mask: batch.mask, gradient: &gradient)
        network.backward(input: batch.inputs, outputGradient: gradient, fromLayer: network.layers.count - 1)
        network.update(with: &optimizer)
        steps += 1
    }

    /// Measures the accuracy and redraws the attention of the shown question.
    mutating func refresh() {
        network.forward(measured.inputs, mode: .evaluation)
        sequenceAccuracy = Self.sequenceAccuracy(logits: network.output, examples: measured)
        network.forward(shown.inputs, mode: .evaluation)
        answer = Self.predictedAnswer(logits: network.output, examples: shown, example: 0)
        if let block = network.layers.lazy.compactMap({ $0 as? TransformerBlock }).first {
            attention = (0..<block.heads).map { head in
                let weights = block.attentionWeights(example: 0, head: head)
                return (0..<weights.rows).map { weights.row($0) }
            }
        }
    }

    /// The tokens with the largest logit at the masked steps of one example.
    static func predictedAnswer(logits: Matrix, examples: SequenceExamples, example: Int) -> [Int] {
        let steps = examples.steps, vocabulary = logits.columns / steps
        var result: [Int] = []
        for t in 0..<steps where examples.mask[example, t] != 0 {
            var best = 0
            for v in 1..<vocabulary where logits[example, t * vocabulary + v] > logits[example, t * vocabulary + best] { best = v }
            result.append(best)
        }
        return result
    }

    /// The share of examples whose every masked step has the right token as its largest logit.
    static func sequenceAccuracy(logits: Matrix, examples: SequenceExamples) -> Float {
        guard examples.count > 0 else { return 0 }
        var right = 0
        for example in 0..<examples.count where predictedAnswer(logits: logits, examples: examples, example: example)
            == examples.maskedTargetTokens(example) { right += 1 }
        return Float(right) / Float(examples.count)
    }

    /// How sharp a head is: the mean, over the answer steps, of the largest weight in the step's row
    /// (1 when every answer step looks at one step only).
    func focus(head: Int) -> Float {
        guard head < attention.count else { return 0 }
        let rows = attention[head][(questionLength - 1)...]
        return rows.map { $0.max() ?? 0 }.reduce(0, +) / Float(rows.count)
    }

    // MARK: Keys and time

    var title: String { "a tiny transformer learning to \(task)" }

    var keyHints: [KeyHint] {
        [KeyHint("Space", isPlaying ? "pause" : "train"), KeyHint("s", "step")]
    }

    var isAnimating: Bool { isPlaying }

    mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .character(" "): isPlaying.toggle()
        case .character("s"):
            isPlaying = false
            trainStep()
            refresh()
        default: return false
        }
        return true
    }

    /// One frame while playing: `stepsPerTick` steps, then a fresh measurement every `measureEvery` steps.
    mutating func tick() {
        guard isPlaying else { return }
        var measureDue = false
        for _ in 0..<Self.stepsPerTick {
            trainStep()
            if steps % Self.measureEvery == 0 { measureDue = true }
        }
        if measureDue { refresh() }
    }

    mutating func reset() {
        self = TransformerWidget(settings: settings)
    }
}

extension TransformerWidget: Equatable {
    static func == (lhs: TransformerWidget, rhs: TransformerWidget) -> Bool {
        lhs.task == rhs.task && lhs.steps == rhs.steps && lhs.isPlaying == rhs.isPlaying && lhs.caption == rhs.caption
            && lhs.attention == rhs.attention && lhs.answer == rhs.answer && lhs.sequenceAccuracy == rhs.sequenceAccuracy
    }
}
