/// What lessons show of a network at work: each layer's output for one example as pictures, and the
/// filters of a convolution as small pictures.
extension Network {
    /// The output of layer `index` for example `example` of the last forward pass, as one `height × width`
    /// picture per channel (feature maps); a layer with flat output gives one `1 × n` picture.
    public func featureMaps(ofLayer index: Int, example: Int) -> [Matrix] {
        let layer = layers[index]
        guard example >= 0, example < layer.output.rows else { return [] }
        let row = layer.output.row(example)
        let shape = layer.outputShape
        guard shape.isImage else { return [Matrix(rows: 1, columns: row.count, elements: row)] }
        let (channels, height, width) = shape.image
        return (0..<channels).map { channel in
            Matrix(rows: height, columns: width, elements: Array(row[channel * height * width ..< (channel + 1) * height * width]))
        }
    }

    /// The filters of layer `index` as pictures, `[filter][input channel]`, each `kh × kw`; empty when the
    /// layer is not a convolution.
    public func filters(ofLayer index: Int) -> [[Matrix]] {
        guard let weight = layers[index].parameter(named: "weight"), weight.shape.count == 4 else { return [] }
        let (filters, channels, height, width) = (weight.shape[0], weight.shape[1], weight.shape[2], weight.shape[3])
        let values = weight.values.storage
        return (0..<filters).map { o in
            (0..<channels).map { c in
                let start = (o * channels + c) * height * width
                return Matrix(rows: height, columns: width, elements: Array(values[start ..< start + height * width]))
            }
        }
    }
}
