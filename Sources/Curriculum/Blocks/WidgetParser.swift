import Yams

/// Reads a ```` ```widget NAME ```` block and checks it against the widget registry.
enum WidgetParser {
    /// The widget described by `body`, or nil with the problems added to `issues`.
    /// - Parameters:
    ///   - name: the word after `widget` in the fence's info string (empty when missing).
    ///   - fenceLine: the line of the opening fence; the YAML starts on the next line.
    static func parse(name: String, body: String, fenceLine: Int, issues: inout IssueList) -> WidgetBlock? {
        guard !name.isEmpty else {
            issues.add(line: fenceLine, "widget block without a name: write ```widget NAME, one of \(knownNames)")
            return nil
        }
        guard let entry = WidgetRegistry.entry(named: name) else {
            issues.add(line: fenceLine, "unknown widget '\(name)': use one of \(knownNames)")
            return nil
        }
        let before = issues.issues.count
        guard let yaml = YAMLBlock.parse(body, firstLine: fenceLine + 1, issues: &issues) else { return nil }
        var settings: [String: WidgetSettingValue] = [:]
        for item in yaml.entries {
            guard let setting = entry.setting(named: item.key) else {
                let names = entry.settings.map(\.name).joined(separator: ", ")
                issues.add(line: item.line, "unknown setting '\(item.key)' for widget '\(name)': it accepts \(names)")
                continue
            }
            if let value = value(of: item.value, for: setting) {
                settings[item.key] = value
            } else {
                issues.add(line: item.line, "setting '\(item.key)' of widget '\(name)' must be \(setting.expectation), not \(YAMLBlock.kindName(item.value))")
            }
        }
        checkNetworkNumbers(settings, widget: name, yaml: yaml, fenceLine: fenceLine, issues: &issues)
        return issues.issues.count == before ? WidgetBlock(name: name, settings: settings, line: fenceLine) : nil
    }

    /// `weights`, `input` and `target` must fit the `layers` they belong to, which must then be given.
    private static func checkNetworkNumbers(_ settings: [String: WidgetSettingValue], widget: String, yaml: YAMLBlock,
                                            fenceLine: Int, issues: inout IssueList) {
        func line(of key: String) -> Int { yaml.entries.first { $0.key == key }?.line ?? fenceLine }
        let given = ["weights", "input", "target"].filter { settings[$0] != nil }
        guard let first = given.first else { return }
        guard case .integers(let sizes)? = settings["layers"] else {
            issues.add(line: line(of: first), "setting '\(first)' of widget '\(widget)' needs 'layers' beside it, to say how many numbers it holds")
            return
        }
        let expected: [String: Int] = [
            "weights": zip(sizes, sizes.dropFirst()).reduce(0) { $0 + $1.1 * ($1.0 + 1) },
            "input": sizes.first ?? 0,
            "target": sizes.last ?? 0,
        ]
        let layerText = sizes.map(String.init).joined(separator: "-")
        for key in given {
            guard case .numbers(let numbers)? = settings[key], let count = expected[key], numbers.count != count else { continue }
            let how = key == "weights" ? " (each neuron's weights, one per input, then its bias, layer by layer)" : ""
            issues.add(line: line(of: key), "setting '\(key)' of widget '\(widget)' holds \(numbers.count) numbers, but a \(layerText) network needs \(count)\(how)")
        }
    }

    private static var knownNames: String {
        WidgetRegistry.entries.map(\.name).joined(separator: ", ")
    }

    /// The typed value of `node` when it fits what `setting` accepts.
    static func value(of node: Node, for setting: WidgetSetting) -> WidgetSettingValue? {
        switch setting.kind {
        case .integer(let range):
            guard node.scalar != nil, let number = node.int, range.contains(number) else { return nil }
            return .integer(number)
        case .number(let range):
            guard node.scalar != nil, let number = node.float, number.isFinite, range.contains(number) else { return nil }
            return .number(number)
        case .flag:
            guard node.scalar != nil, let flag = node.bool else { return nil }
            return .flag(flag)
        case .choice(let words):
            guard node.scalar != nil, let word = node.string, words.contains(word) else { return nil }
            return .text(word)
        case .text:
            guard node.scalar != nil, let text = node.string else { return nil }
            return .text(text)
        case .integers(let count, let each):
            guard let list = node.sequence, count.contains(list.count) else { return nil }
            let numbers = list.compactMap { $0.scalar != nil ? $0.int : nil }
            guard numbers.count == list.count, numbers.allSatisfy(each.contains) else { return nil }
            return .integers(numbers)
        case .numbers(let count, let each):
            guard let list = node.sequence, count.contains(list.count) else { return nil }
            let numbers = list.compactMap { $0.scalar != nil ? $0.float : nil }
            guard numbers.count == list.count, numbers.allSatisfy({ $0.isFinite && each.contains($0) }) else { return nil }
            return .numbers(numbers)
        case .choices(let words):
            guard let list = node.sequence, !list.isEmpty else { return nil }
            let chosen = list.compactMap { $0.scalar != nil ? $0.string : nil }
            guard chosen.count == list.count, chosen.allSatisfy(words.contains) else { return nil }
            return .texts(chosen)
        }
    }
}
