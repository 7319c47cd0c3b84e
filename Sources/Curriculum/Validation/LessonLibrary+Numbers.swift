/// The numbers home shows beside the lessons, and by which `gradschool lesson 4` opens one.
///
/// Lessons are numbered in course order from 1, so that lesson 4 is the file `04-…`; a course that opens
/// with an introduction of order 0 numbers it 0.
extension LessonLibrary {
    /// The number of the first lesson: 0 when the course opens with a lesson of order 0, else 1.
    public var firstNumber: Int { lessons.first?.order == 0 ? 0 : 1 }

    /// The number home shows for the lesson at `index` of `lessons`.
    public func number(ofLessonAt index: Int) -> Int { index + firstNumber }

    /// The lesson home shows as `number`, if any.
    public func lesson(numbered number: Int) -> Lesson? {
        let index = number - firstNumber
        return lessons.indices.contains(index) ? lessons[index] : nil
    }
}
