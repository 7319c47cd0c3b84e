/// The standard xterm colour table, used to convert between colour modes.
///
/// Indices 0–15 are xterm's default classic colours, 16–231 the 6×6×6 cube whose channel levels are
/// 0, 95, 135, 175, 215 and 255, and 232–255 a grey ramp from 8 to 238 in steps of 10.
enum XtermPalette {
    /// xterm's default values for the 16 classic colours.
    static let classic: [(red: UInt8, green: UInt8, blue: UInt8)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0),
        (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0),
        (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    /// The channel levels of the 6×6×6 colour cube.
    static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    /// The RGB value of a 256-palette index.
    static func components(ofIndex index: UInt8) -> (red: UInt8, green: UInt8, blue: UInt8) {
        let i = Int(index)
        if i < 16 { return classic[i] }
        if i >= 232 {
            let grey = UInt8(8 + 10 * (i - 232))
            return (grey, grey, grey)
        }
        let cube = i - 16
        return (UInt8(cubeLevels[cube / 36]), UInt8(cubeLevels[(cube / 6) % 6]), UInt8(cubeLevels[cube % 6]))
    }

    /// Squared Euclidean distance between two colours in RGB space.
    static func distance(
        _ a: (red: UInt8, green: UInt8, blue: UInt8), _ b: (red: UInt8, green: UInt8, blue: UInt8)
    ) -> Int {
        let dr = Int(a.red) - Int(b.red), dg = Int(a.green) - Int(b.green), db = Int(a.blue) - Int(b.blue)
        return dr * dr + dg * dg + db * db
    }

    /// The index of the cube level nearest to a channel value.
    static func nearestCubeLevel(_ value: UInt8) -> Int {
        // Midpoints between the levels 0, 95, 135, 175, 215, 255.
        let v = Int(value)
        if v < 48 { return 0 }
        if v < 115 { return 1 }
        return min(5, (v - 35) / 40)
    }

    /// The 256-palette index (16–255) nearest to an RGB colour: the nearer of the best cube colour
    /// and the best grey.
    static func nearest256(_ rgb: (red: UInt8, green: UInt8, blue: UInt8)) -> UInt8 {
        let r = nearestCubeLevel(rgb.red), g = nearestCubeLevel(rgb.green), b = nearestCubeLevel(rgb.blue)
        let cubeIndex = 16 + 36 * r + 6 * g + b
        let average = (Int(rgb.red) + Int(rgb.green) + Int(rgb.blue)) / 3
        let greyStep = min(23, max(0, (average - 3) / 10))
        let greyIndex = 232 + greyStep
        let cubeDistance = distance(rgb, components(ofIndex: UInt8(cubeIndex)))
        let greyDistance = distance(rgb, components(ofIndex: UInt8(greyIndex)))
        return UInt8(greyDistance < cubeDistance ? greyIndex : cubeIndex)
    }

    /// The classic colour (0..<count, count 8 or 16) nearest to an RGB colour.
    ///
    /// With so few colours, plain RGB distance picks poorly: mid grey (127, 127, 127) is nearer dark
    /// yellow (205, 205, 0) than white. So the distance is taken between luma
    /// Y = 0.299 R + 0.587 G + 0.114 B and the two colour differences B − Y and R − Y, which keeps
    /// greys grey and matches brightness first.
    static func nearestClassic(_ rgb: (red: UInt8, green: UInt8, blue: UInt8), count: Int) -> UInt8 {
        func lumaChroma(_ c: (red: UInt8, green: UInt8, blue: UInt8)) -> (Double, Double, Double) {
            let luma = 0.299 * Double(c.red) + 0.587 * Double(c.green) + 0.114 * Double(c.blue)
            return (luma, Double(c.blue) - luma, Double(c.red) - luma)
        }
        let target = lumaChroma(rgb)
        var best = 0
        var bestDistance = Double.infinity
        for index in 0..<count {
            let candidate = lumaChroma(classic[index])
            let dy = target.0 - candidate.0, db = target.1 - candidate.1, dr = target.2 - candidate.2
            let d = dy * dy + db * db + dr * dr
            if d < bestDistance { bestDistance = d; best = index }
        }
        return UInt8(best)
    }
}
