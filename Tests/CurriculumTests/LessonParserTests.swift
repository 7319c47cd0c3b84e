import Canvas
import Testing
@testable import Curriculum

/// A small lesson that uses every kind of block; line numbers below are counted from this text.
let sampleLesson = """
---
id: sample
title: A sample lesson
summary: Everything a lesson can hold.
order: 3
requires: [basics]
---
# A sample lesson

Some opening words.

## First page

A *weighted* sum is **the** key, see `dot`.

| input | weight |
|:------|-------:|
| 1     | 0.5    |

```widget perceptron
dataset: xor
learningRate: 0.5
```

## Second page

- one
- two

```quiz
id: sample-sum
question: What does a neuron add up?
choices:
  - Its weighted inputs
  - Its outputs
answer: 1
explanation: It multiplies each input by a weight and adds them.
```
"""

@Suite("Lesson parsing")
struct LessonParserTests {
    @Test func frontMatterAndPages() throws {
        let result = LessonParser.parse(sampleLesson, file: "sample.md")
        #expect(result.issues.isEmpty)
        let lesson = try #require(result.lesson)
        #expect(lesson.id == "sample")
        #expect(lesson.title == "A sample lesson")
        #expect(lesson.order == 3)
        #expect(lesson.requires == ["basics"])
        #expect(lesson.requiresLines == [6])
        // The opening text becomes a page named after the lesson; the `#` title is not repeated.
        #expect(lesson.pages.map(\.title) == ["A sample lesson", "First page", "Second page"])
        #expect(lesson.pages[0].blocks == [.markdown(.paragraph([.text("Some opening words.")]))])
        #expect(lesson.pages[1].line == 12)
        #expect(lesson.pages[2].line == 25)
    }

    @Test func inlineStylesAndTables() throws {
        let lesson = try #require(LessonParser.parse(sampleLesson, file: "sample.md").lesson)
        let blocks = lesson.pages[1].blocks
        #expect(blocks[0] == .markdown(.paragraph([
            .text("A "), .emphasis([.text("weighted")]), .text(" sum is "), .strong([.text("the")]),
            .text(" key, see "), .code("dot"), .text("."),
        ])))
        guard case .markdown(.table(let table)) = blocks[1] else {
            Issue.record("expected a table, got \(blocks[1])")
            return
        }
        #expect(table.header.map(\.plainText) == ["input", "weight"])
        #expect(table.rows.map { $0.map(\.plainText) } == [["1", "0.5"]])
        #expect(table.alignments == [.left, .right])
    }

    @Test func widgetAndQuizBlocks() throws {
        let lesson = try #require(LessonParser.parse(sampleLesson, file: "sample.md").lesson)
        #expect(lesson.widgets == [WidgetBlock(name: "perceptron", settings: ["dataset": .text("xor"), "learningRate": .number(0.5)], line: 20)])
        #expect(lesson.quizzes == [QuizBlock(
            id: "sample-sum", question: "What does a neuron add up?",
            choices: ["Its weighted inputs", "Its outputs"], answer: 0,
            explanation: "It multiplies each input by a weight and adds them.", line: 30)])
        #expect(lesson.pages[2].blocks.first == .markdown(.list(start: nil, items: [
            [.paragraph([.text("one")])], [.paragraph([.text("two")])],
        ])))
    }

    @Test func ordinaryCodeBlocksStayCode() throws {
        let text = "---\nid: code\ntitle: Code\nsummary: s\norder: 1\n---\n## Page\n\n```swift\nlet x = 1\n```\n"
        let lesson = try #require(LessonParser.parse(text, file: "code.md").lesson)
        #expect(lesson.pages[0].blocks == [.markdown(.code(language: "swift", text: "let x = 1"))])
    }

    @Test func missingFrontMatterIsReportedOnLineOne() {
        let result = LessonParser.parse("## Page\n\ntext\n", file: "bare.md")
        #expect(result.lesson == nil)
        #expect(result.issues.map(\.description) == [
            "bare.md:1: missing front matter: start the file with a '---' line, then id, title, summary and order, then '---'",
        ])
    }

    @Test func everyProblemInOneFileIsReportedWithItsLine() {
        let text = """
        ---
        id: Bad Id
        title: Broken
        summary: s
        order: first
        colour: red
        ---
        ## Page

        ```widget perceptron
        dataset: xor
        speed: 3
        learningRate: fast
        ```

        ```widget teleporter
        ```

        ```quiz
        id: q1
        question: Which?
        choices: [a, b]
        explanation: because
        ```

        ```quiz
        id: q2
        question: Which?
        choices: [a, b]
        answer: 3
        explanation: because
        ```

        ```widget neuron
        inputs: [1
        ```
        """
        let result = LessonParser.parse(text, file: "broken.md")
        #expect(result.lesson == nil)
        let lines = result.issues.map(\.line)
        #expect(lines == lines.sorted())
        let byLine = Dictionary(grouping: result.issues, by: \.line).mapValues { $0.map(\.message) }
        #expect(byLine[2]?.first?.contains("lesson id 'Bad Id' must be lowercase") == true)
        #expect(byLine[5]?.first?.contains("'order' must be a whole number") == true)
        #expect(byLine[6]?.first?.contains("unknown front matter key 'colour'") == true)
        #expect(byLine[12]?.first?.contains("unknown setting 'speed' for widget 'perceptron'") == true)
        #expect(byLine[13]?.first?.contains("'learningRate' of widget 'perceptron' must be a number from") == true)
        #expect(byLine[16]?.first?.contains("unknown widget 'teleporter'") == true)
        #expect(byLine[19]?.first?.contains("quiz without a right answer") == true)
        #expect(byLine[30]?.first?.contains("'answer' '3' is not one of the choices: write the right choice exactly as in 'choices'") == true)
        #expect(byLine[35]?.first?.hasPrefix("bad YAML") == true, "\(result.issues)")
        #expect(result.issues.count == 9)
    }

    @Test func duplicateQuizIdsInOneLessonAreReported() {
        let quiz = "```quiz\nid: same\nquestion: q\nchoices: [a, b]\nanswer: 2\nexplanation: e\n```\n"
        let text = "---\nid: twice\ntitle: T\nsummary: s\norder: 1\n---\n## P\n\n" + quiz + "\n" + quiz
        let result = LessonParser.parse(text, file: "twice.md")
        #expect(result.issues.map(\.description) == [
            "twice.md:17: duplicate quiz id 'same': line 9 uses it already; quiz ids must be unique",
        ])
    }

    @Test func lessonWithoutPagesIsReported() {
        let result = LessonParser.parse("---\nid: empty\ntitle: T\nsummary: s\norder: 1\n---\n", file: "empty.md")
        #expect(result.issues.map(\.line) == [7])
        #expect(result.issues.first?.message.contains("no pages") == true)
    }
}
