/// Choosing examples by class, as transfer learning needs: train a body on some classes, fine-tune on others
/// from a few examples each.
extension Dataset {
    /// Only the examples of `classes` (indices into `classNames`), relabelled 0, 1, … in the order given, so a
    /// network for the filtered set has one output per kept class. Two classes give a binary dataset.
    public func keepingClasses(_ classes: [Int]) -> Dataset {
        let labels = self.labels
        let kept = labels.indices.filter { classes.contains(labels[$0]) }
        let picked = subset(kept)
        let newLabels = kept.map { classes.firstIndex(of: labels[$0])! }
        return Dataset.classification(name: name, features: picked.features, labels: newLabels, classCount: max(classes.count, 2),
                                      featureNames: featureNames,
                                      classNames: classes.map { classNames.indices.contains($0) ? classNames[$0] : "class \($0)" })
    }

    /// At most `limit` examples of each class, the first ones in the order of the set (shuffle before to draw
    /// them at random).
    public func limited(perClass limit: Int) -> Dataset {
        guard problem.isClassification else { return subset(Array(0..<min(limit, count))) }
        var seen = [Int](repeating: 0, count: max(problem.classCount, 2))
        var kept: [Int] = []
        for (index, label) in labels.enumerated() where seen[label] < limit {
            seen[label] += 1
            kept.append(index)
        }
        return subset(kept)
    }
}

extension Network {
    /// The same network with a new output layer: the last layer with parameters (a dense layer) is replaced
    /// by a fresh one of `outputs` neurons, and the layers after it (its activation) resized. Every other
    /// layer keeps its numbers, so a trained body learns a new task.
    public func replacingHead(outputs: Int, seed: UInt64) -> Network {
        guard let head = parameterLayerIndices.last, case .dense(let inputs, _) = layers[head].spec else {
            fatalError("the network has no dense output layer to replace")
        }
        var random = RandomSource(seed: seed)
        var newLayers = Array(layers[..<head])
        let activation = outputActivation
        newLayers.append(Dense(inputSize: inputs, outputSize: outputs, initializer: .recommended(for: activation), random: &random))
        for layer in layers[(head + 1)...] {
            switch layer.spec {
            case .activation(let function, _): newLayers.append(ActivationLayer(function, size: outputs))
            case .dropout(let p, _): newLayers.append(Dropout(probability: p, size: outputs, seed: random.next()))
            default: fatalError("the layers after the output layer must be activations or dropout")
            }
        }
        return Network(layers: newLayers)
    }

    /// Freezes every layer with parameters except the last one (the head), as for fine-tuning a trained body.
    public mutating func freezeBody() {
        guard let head = parameterLayerIndices.last else { return }
        for index in parameterLayerIndices where index != head { setTrainable(false, layer: index) }
    }
}
