/// How many terminal columns a character takes: 0, 1 or 2.
///
/// Control characters and lone combining or zero-width marks take none; East Asian wide and
/// fullwidth characters (CJK, Hangul, kana) and emoji shown as pictures take two; everything else
/// one. A grapheme cluster such as `e` + combining acute counts as its first scalar does, so
/// combining marks add nothing.
public func displayWidth(of character: Character) -> Int {
    if let ascii = character.asciiValue {
        // Printable ASCII is one column; C0 controls, DEL and "\r\n" draw nothing.
        return ascii >= 0x20 && ascii < 0x7F ? 1 : 0
    }
    let scalars = character.unicodeScalars
    guard let first = scalars.first else { return 0 }
    // An emoji cluster (a flag, a ZWJ family, a keycap or a text symbol forced to picture form by
    // variation selector 16) is drawn two columns wide.
    if scalars.count > 1 {
        for scalar in scalars where scalar.value == 0xFE0F || scalar.value == 0x200D {
            return 2
        }
        if (0x1F1E6...0x1F1FF).contains(first.value) { return 2 }  // a flag: two regional indicators
    }
    return displayWidth(of: first)
}

/// How many columns a single Unicode scalar takes when drawn on its own.
public func displayWidth(of scalar: Unicode.Scalar) -> Int {
    let value = scalar.value
    if value < 0x20 || (value >= 0x7F && value < 0xA0) { return 0 }
    if value < 0x300 { return 1 }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format, .control:
        return 0
    default:
        break
    }
    if value == 0x200B || (value >= 0x1160 && value <= 0x11FF) { return 0 }
    if scalar.properties.isEmojiPresentation { return 2 }
    return isWide(value) ? 2 : 1
}

/// How many columns a string takes: the sum over its grapheme clusters.
public func displayWidth(of text: String) -> Int {
    var width = 0
    for character in text { width += displayWidth(of: character) }
    return width
}

/// Whether a code point is East Asian Wide or Fullwidth (Unicode's EastAsianWidth W or F).
private func isWide(_ value: UInt32) -> Bool {
    switch value {
    case 0x1100...0x115F,       // Hangul Jamo initial consonants
         0x2329...0x232A,       // angle brackets
         0x2E80...0x303E,       // CJK radicals, Kangxi, ideographic punctuation and space
         0x3041...0x33FF,       // kana, Bopomofo, Hangul compatibility, CJK compatibility
         0x3400...0x4DBF,       // CJK extension A
         0x4E00...0x9FFF,       // CJK unified ideographs
         0xA000...0xA4CF,       // Yi
         0xA960...0xA97F,       // Hangul Jamo extended A
         0xAC00...0xD7A3,       // Hangul syllables
         0xF900...0xFAFF,       // CJK compatibility ideographs
         0xFE10...0xFE19,       // vertical forms
         0xFE30...0xFE6F,       // CJK compatibility forms, small forms
         0xFF00...0xFF60,       // fullwidth forms
         0xFFE0...0xFFE6,       // fullwidth signs
         0x16FE0...0x18AFF,     // ideographic symbols, Tangut
         0x1B000...0x1B2FF,     // kana supplement and extensions, Nushu
         0x1F200...0x1F2FF,     // enclosed ideographic supplement
         0x1F300...0x1F64F,     // pictographs and emoticons
         0x1F900...0x1F9FF,     // supplemental symbols and pictographs
         0x20000...0x2FFFD,     // CJK extensions B–F
         0x30000...0x3FFFD:     // CJK extension G and beyond
        return true
    default:
        return false
    }
}
