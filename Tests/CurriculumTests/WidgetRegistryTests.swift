import Testing
import Yams
@testable import Curriculum

@Suite("Widget registry")
struct WidgetRegistryTests {
    @Test func theLessonsWidgetsAreRegistered() {
        let names = WidgetRegistry.entries.map(\.name)
        #expect(names == ["perceptron", "neuron", "forward", "activation", "backprop", "graph", "descent", "train", "losses", "classloss",
                          "fit", "augment", "threshold", "confusion", "scaling", "split", "tuning", "convolution", "transfer", "gan",
                          "deploy", "cnn", "names", "vanishing", "attention", "transformer", "namewriter"])
        #expect(Set(names).count == names.count)
        for entry in WidgetRegistry.entries {
            let settingNames = entry.settings.map(\.name)
            #expect(Set(settingNames).count == settingNames.count, "duplicate setting in \(entry.name)")
        }
    }

    @Test func settingValuesAreTypedAndRangeChecked() throws {
        func value(_ yaml: String, _ kind: WidgetSetting.Kind) throws -> WidgetSettingValue? {
            let node = try #require(try Yams.compose(yaml: yaml))
            return WidgetParser.value(of: node, for: WidgetSetting("x", kind, ""))
        }
        #expect(try value("3", .integer(1...4)) == .integer(3))
        #expect(try value("5", .integer(1...4)) == nil)
        #expect(try value("2.5", .integer(1...4)) == nil)
        #expect(try value("0.1", .number(0...1)) == .number(0.1))
        #expect(try value("1", .number(0...1)) == .number(1))
        #expect(try value(".nan", .number(0...1)) == nil)
        #expect(try value("true", .flag) == .flag(true))
        #expect(try value("yes please", .flag) == nil)
        #expect(try value("xor", .choice(["and", "xor"])) == .text("xor"))
        #expect(try value("nor", .choice(["and", "xor"])) == nil)
        #expect(try value("[2, 3, 1]", .integers(count: 2...6, each: 1...64)) == .integers([2, 3, 1]))
        #expect(try value("[2]", .integers(count: 2...6, each: 1...64)) == nil)
        #expect(try value("[2, 0]", .integers(count: 2...6, each: 1...64)) == nil)
        #expect(try value("[relu, tanh]", .choices(["relu", "tanh", "step"])) == .texts(["relu", "tanh"]))
        #expect(try value("[relu, gelu]", .choices(["relu", "tanh"])) == nil)
        #expect(try value("[a]", .text) == nil)
    }
}
