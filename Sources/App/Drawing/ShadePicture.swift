import Canvas
import Neural

/// A grid of numbers drawn as text with shades, fuller for larger numbers: what the `cnn` widget and the
/// image playground draw digits, filters and feature maps with.
enum ShadePicture {
    /// The shades from empty to solid.
    static func shades(_ glyphs: GlyphSet) -> [Character] {
        glyphs.isUnicode ? [" ", "░", "▒", "▓", "█"] : [" ", ".", ":", "*", "#"]
    }

    /// A picture as text rows: each value a shade from `low` (empty) to `high` (solid), `columnsPerPixel` wide.
    static func rows(_ values: Matrix, low: Float, high: Float, columnsPerPixel: Int, glyphs: GlyphSet) -> [String] {
        let shades = Self.shades(glyphs)
        let span = max(high - low, 1e-6)
        return (0..<values.rows).map { y in
            String((0..<values.columns).flatMap { x -> [Character] in
                let level = ((values[y, x] - low) / span * Float(shades.count - 1)).rounded()
                let shade = shades[Int(min(max(level.isFinite ? level : 0, 0), Float(shades.count - 1)))]
                return Array(repeating: shade, count: columnsPerPixel)
            })
        }
    }
}
