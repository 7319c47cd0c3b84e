import Canvas
import Foundation
import Neural

// Templates of the lessons on data, metrics and tuning. As above, every answer comes from the engine
// (`ConfusionMatrix`, `ROCCurve`, `Scaler`, `Dataset.split`, `SearchSpace.grid`); the explanations
// write the same arithmetic out by hand.

extension GeneratedQuestion {
    /// The four counts of a binary classifier drawn afresh: positives, true positives, negatives, false positives.
    private static func drawCounts(_ draw: inout NumberDraw) -> (positives: Int, truePositives: Int, negatives: Int, falsePositives: Int) {
        let positives = Int(draw.value(10...60, step: 5))
        let truePositives = Int(draw.value(Float(positives / 2)...Float(positives - 1), step: 1))
        let negatives = Int(draw.value(40...200, step: 10))
        let falsePositives = Int(draw.value(1...20, step: 1))
        return (positives, truePositives, negatives, falsePositives)
    }

    /// The predictions and labels behind four counts: positives first (caught, then missed), then negatives.
    private static func examples(positives: Int, truePositives: Int, negatives: Int, falsePositives: Int) -> (predicted: [Int], actual: [Int]) {
        let predicted = Array(repeating: 1, count: truePositives) + Array(repeating: 0, count: positives - truePositives)
            + Array(repeating: 1, count: falsePositives) + Array(repeating: 0, count: negatives - falsePositives)
        let actual = Array(repeating: 1, count: positives) + Array(repeating: 0, count: negatives)
        return (predicted, actual)
    }

    static func confusionScores(_ draw: inout NumberDraw) -> GeneratedQuestion {
        let counts = drawCounts(&draw)
        let asked = draw.pick(["precision", "recall", "F1"])
        let pairs = examples(positives: counts.positives, truePositives: counts.truePositives,
                             negatives: counts.negatives, falsePositives: counts.falsePositives)
        let matrix = ConfusionMatrix(predicted: pairs.predicted, actual: pairs.actual, classCount: 2)
        let truePositives = matrix.truePositives(of: 1), falsePositives = matrix.falsePositives(of: 1)
        let falseNegatives = matrix.falseNegatives(of: 1)
        let precision = matrix.precision(of: 1), recall = matrix.recall(of: 1), f1 = matrix.f1(of: 1)
        let flagged = truePositives + falsePositives
        func show(_ value: Double) -> String { Self.show(Float(value), decimals: 3) }
        let counting = "TP = \(truePositives) (spam flagged), FP = \(flagged) − \(truePositives) = \(falsePositives) (good mail flagged), FN = \(counts.positives) − \(truePositives) = \(falseNegatives) (spam let through)."
        let precisionText = "precision = TP / (TP + FP) = \(truePositives) / \(flagged) = \(show(precision))"
        let recallText = "recall = TP / (TP + FN) = \(truePositives) / \(counts.positives) = \(show(recall))"
        let answer: Double, working: String
        switch asked {
        case "precision": (answer, working) = (precision, precisionText + ".")
        case "recall": (answer, working) = (recall, recallText + ".")
        default:
            answer = f1
            working = precisionText + " and " + recallText + ", so F1 = 2·P·R / (P + R) = 2·\(show(precision))·\(show(recall)) / (\(show(precision)) + \(show(recall))) = \(show(f1))."
        }
        return GeneratedQuestion(
            question: "A spam filter is tested on \(counts.positives + counts.negatives) emails, \(counts.positives) of them spam. It flags \(flagged) emails, \(truePositives) of which are spam. What is its \(asked)? (Two decimals are enough.)",
            answer: answer, tolerance: 0.005, explanation: counting + " Then " + working)
    }

    static func falsePositiveRate(_ draw: inout NumberDraw) -> GeneratedQuestion {
        let counts = drawCounts(&draw)
        // Scores that put exactly the flagged examples at or above the threshold 0.8.
        let pairs = examples(positives: counts.positives, truePositives: counts.truePositives,
                             negatives: counts.negatives, falsePositives: counts.falsePositives)
        let scores = pairs.predicted.map { Float($0 == 1 ? 0.9 : 0.1) }
        let curve = ROCCurve(scores: scores, labels: pairs.actual)
        let point = curve.points.first { $0.threshold == 0.9 } ?? curve.points[0]
        let rate = point.falsePositiveRate
        return GeneratedQuestion(
            question: "At its threshold, a classifier calls \(counts.truePositives) of \(counts.positives) sick patients sick, and \(counts.falsePositives) of \(counts.negatives) healthy ones sick too. What is its false-positive rate, the x of its point on the ROC curve? (Two decimals are enough.)",
            answer: rate, tolerance: 0.005,
            explanation: "The false-positive rate is the share of the negatives called positive: FP / (FP + TN) = \(counts.falsePositives) / \(counts.negatives) = \(show(Float(rate), decimals: 3)). (Its y, the true-positive rate, is \(counts.truePositives) / \(counts.positives) = \(show(Float(point.truePositiveRate), decimals: 3)), the recall.)")
    }

    static func standardizedValue(_ draw: inout NumberDraw) -> GeneratedQuestion {
        var values: [Float] = []
        while values.count < 4 { values.append(draw.value(10...40, step: 2)) }
        if Set(values).count == 1 { values[3] += 4 }
        let asked = draw.random.nextIndex(below: 4)
        let scaler = Scaler.standardization(fittedTo: Matrix(values.map { [$0] }))
        let scaled = (try? scaler.apply(Matrix([[values[asked]]])))?[0, 0] ?? .nan
        let mean = scaler.offsets[0], deviation = scaler.scales[0]
        let list = values.map { show($0) }.joined(separator: ", ")
        let squares = values.map { "(" + show($0) + " − " + show(mean, decimals: 3) + ")²" }.joined(separator: " + ")
        return GeneratedQuestion(
            question: "A feature takes the values \(list) in the training set. After standardisation with their mean and standard deviation, what does the value \(show(values[asked])) become? (Two decimals are enough.)",
            answer: Double(scaled), tolerance: 0.01,
            explanation: "μ = (\(values.map { show($0) }.joined(separator: " + "))) / 4 = \(show(mean, decimals: 3)); σ = √((\(squares)) / 4) = \(show(deviation, decimals: 3)); so (x − μ) / σ = (\(show(values[asked])) − \(show(mean, decimals: 3))) / \(show(deviation, decimals: 3)) = \(show(scaled, decimals: 3)).")
    }

    static func stratifiedSplit(_ draw: inout NumberDraw) -> GeneratedQuestion {
        let sizes = [80, 100, 120, 160, 200, 240, 300, 400, 500, 600, 800, 1000]
        let shares = [0.1, 0.2, 0.25, 0.3, 0.4, 0.5]
        let fractions = [0.1, 0.2, 0.25, 0.3]
        var size = 100, share = 0.2, fraction = 0.2
        // Numbers whose every count is whole, so the answer is exact.
        for _ in 0..<64 {
            size = draw.pick(sizes)
            share = draw.pick(shares)
            fraction = draw.pick(fractions)
            let sick = Double(size) * share
            if sick == sick.rounded(), (sick * fraction) == (sick * fraction).rounded(),
               Double(size) * fraction == (Double(size) * fraction).rounded() { break }
        }
        let sick = Int((Double(size) * share).rounded())
        let labels = Array(repeating: 1, count: sick) + Array(repeating: 0, count: size - sick)
        let data = Dataset.classification(name: "patients", features: Matrix(rows: size, columns: 1), labels: labels, classCount: 2)
        let test = data.split(validationFraction: 0, testFraction: fraction, seed: draw.random.next()).test
        let sickInTest = test.labels.filter { $0 == 1 }.count
        let percent = Int((fraction * 100).rounded())
        return GeneratedQuestion(
            question: "A dataset holds \(size) patients, \(sick) of them sick. A stratified split keeps \(percent) % of the patients for testing. How many sick patients are in the test set?",
            answer: Double(sickInTest), tolerance: 0.1,
            explanation: "Stratified means each class is split in the same proportion as the whole: the test set takes \(percent) % of the \(sick) sick patients, \(sick) × \(show(Float(fraction))) = \(sickInTest), and \(percent) % of the \(size - sick) healthy ones, \(test.count - sickInTest): \(test.count) in all. A random split would only get about \(sickInTest) on average, and sometimes far fewer.")
    }

    static func gridCost(_ draw: inout NumberDraw) -> GeneratedQuestion {
        let pointsPerSetting = Int(draw.value(2...10, step: 1))
        let settingCount = Int(draw.value(2...4, step: 1))
        let names = ["learning rate", "width", "dropout", "batch size"]
        let settings = (0..<settingCount).compactMap { try? SearchSetting(name: names[$0], low: 1, high: 100) }
        let grid = (try? SearchSpace(settings))?.grid(pointsPerSetting: pointsPerSetting) ?? []
        let trials = grid.count
        let rates = Set(grid.map { $0[0] }).count
        let settingList = names.prefix(settingCount).joined(separator: ", ")
        let product = Array(repeating: String(pointsPerSetting), count: settingCount).joined(separator: " × ")
        switch draw.random.nextIndex(below: 3) {
        case 0:
            return GeneratedQuestion(
                question: "A grid search tries \(pointsPerSetting) values of each of \(settingCount) settings (\(settingList)). How many trials does it cost?",
                answer: Double(trials), tolerance: 0.1,
                explanation: "A grid tries every combination: \(product) = \(trials) trials, each a whole training run.")
        case 1:
            return GeneratedQuestion(
                question: "A grid search tries \(pointsPerSetting) values of each of \(settingCount) settings (\(settingList)): \(trials) trials. How many different learning rates does it try?",
                answer: Double(rates), tolerance: 0.1,
                explanation: "Only \(rates): each learning rate is repeated with every combination of the other settings, \(trials) / \(rates) = \(trials / max(1, rates)) times. If the learning rate is what matters, most of the \(trials) trials teach nothing new.")
        default:
            return GeneratedQuestion(
                question: "A grid of \(pointsPerSetting) values for each of \(settingCount) settings costs \(trials) trials. Random search gets the same budget. How many different learning rates can it try?",
                answer: Double(trials), tolerance: 0.1,
                explanation: "Every random trial draws its own learning rate, so \(trials) trials try \(trials) different ones, against the grid's \(rates). That is why random search wins when one setting matters far more than the others.")
        }
    }
}

extension GeneratedQuestion {
    static func classRecall(_ draw: inout NumberDraw) -> GeneratedQuestion {
        let digit = Int(draw.value(0...9, step: 1))
        let right = Int(draw.value(30...50, step: 1))
        let others = (0..<10).filter { $0 != digit }
        let first = draw.pick(others)
        let second = draw.pick(others.filter { $0 != first })
        let firstCount = Int(draw.value(1...6, step: 1)), secondCount = Int(draw.value(1...6, step: 1))
        // The row of `digit` as examples: right ones, then the two confusions.
        let predicted = Array(repeating: digit, count: right) + Array(repeating: first, count: firstCount)
            + Array(repeating: second, count: secondCount)
        let matrix = ConfusionMatrix(predicted: predicted, actual: Array(repeating: digit, count: predicted.count), classCount: 10)
        let recall = matrix.recall(of: digit)
        return GeneratedQuestion(
            question: "In a digits confusion matrix (rows true digits, columns answers), the row of the digit \(digit) reads \(right) in the column \(digit), \(firstCount) in the column \(first) and \(secondCount) in the column \(second), zero elsewhere. What is the recall of the class \(digit)? (Two decimals are enough.)",
            answer: recall, tolerance: 0.005,
            explanation: "Recall is the share of the true \(digit)s that were called \(digit): the diagonal cell over the row's total, \(right) / (\(right) + \(firstCount) + \(secondCount)) = \(right) / \(predicted.count) = \(show(Float(recall), decimals: 3)). The column of \(digit) would give its precision instead.")
    }

    static func majorityAccuracy(_ draw: inout NumberDraw) -> GeneratedQuestion {
        let total = Int(draw.pick([Float(200), 500, 1000, 2000, 5000, 10000]))
        let rare = max(1, Int(draw.value(1...50, step: 1)) * total / 1000)
        let labels = Array(repeating: 1, count: rare) + Array(repeating: 0, count: total - rare)
        let accuracy = ConfusionMatrix(predicted: Array(repeating: 0, count: total), actual: labels, classCount: 2).accuracy * 100
        return GeneratedQuestion(
            question: "A dataset has \(total) transactions, \(rare) of them fraud. What accuracy, in percent, does a model reach that calls every transaction honest?",
            answer: accuracy, tolerance: 0.05,
            explanation: "It is right on the \(total - rare) honest transactions and wrong on the \(rare) frauds: \(total - rare) / \(total) = \(show(Float(accuracy), decimals: 2)) %. Its recall on fraud is 0, which is why accuracy alone cannot judge a model on rare classes.")
    }

    static func splitSizes(_ draw: inout NumberDraw) -> GeneratedQuestion {
        let total = Int(draw.pick([Float(200), 400, 500, 600, 800, 1000, 1200, 2000]))
        let validation = Int(draw.pick([Float(10), 15, 20, 25]))
        let test = Int(draw.pick([Float(10), 15, 20, 25]))
        let data = Dataset(name: "examples", features: Matrix(rows: total, columns: 1), targets: Matrix(rows: total, columns: 1), problem: .regression)
        let parts = data.split(validationFraction: Double(validation) / 100, testFraction: Double(test) / 100, seed: draw.random.next())
        return GeneratedQuestion(
            question: "A dataset of \(total) examples is split with \(validation) % for validation and \(test) % for testing. How many examples are left for training?",
            answer: Double(parts.train.count), tolerance: 0.1,
            explanation: "Validation takes \(total) × \(validation) % = \(parts.validation.count) and testing \(total) × \(test) % = \(parts.test.count), which leaves \(total) − \(parts.validation.count) − \(parts.test.count) = \(parts.train.count) for training.")
    }

    static func logUniformShare(_ draw: inout NumberDraw) -> GeneratedQuestion {
        let lowExponent = Int(draw.value(-7 ... -3, step: 1))
        let highExponent = Int(draw.value(-1...1, step: 1))
        let cutExponent = Int(draw.value(Float(lowExponent + 1)...Float(highExponent - 1), step: 1))
        let low = pow(10, Double(lowExponent)), high = pow(10, Double(highExponent)), cut = pow(10, Double(cutExponent))
        let share = ((try? SearchSetting(name: "learningRate", low: low, high: high, scale: .log))?.unit(of: cut) ?? 0) * 100
        func power(_ exponent: Int) -> String { NumberText.trimmed(pow(10, Double(exponent)), decimals: 8, unicode: true) }
        return GeneratedQuestion(
            question: "Random search draws a learning rate log-uniformly between \(power(lowExponent)) and \(power(highExponent)). What share of its trials, in percent, fall below \(power(cutExponent)) on average?",
            answer: share, tolerance: 0.5,
            explanation: "Log-uniform means every decade is equally likely. From \(power(lowExponent)) to \(power(highExponent)) there are \(highExponent - lowExponent) decades, and \(cutExponent - lowExponent) of them lie below \(power(cutExponent)): \(cutExponent - lowExponent) / \(highExponent - lowExponent) = \(show(Float(share), decimals: 2)) %. A uniform draw would put almost none there.")
    }
}
