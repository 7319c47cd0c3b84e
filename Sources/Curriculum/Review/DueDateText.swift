import Foundation

/// Says when a question is due in words a learner reads at a glance: `now`, `tomorrow`, `in 6 days`,
/// `in 17 days (30 Mar)`.
public enum DueDateText {
    /// `date` described from `now`, counting whole days in `calendar`.
    public static func describe(_ date: Date, from now: Date, calendar: Calendar = .current) -> String {
        if date <= now { return "now" }
        let days = calendar.dateComponents([.day], from: calendar.startOfDay(for: now), to: calendar.startOfDay(for: date)).day ?? 0
        switch days {
        case ...0: return "later today"
        case 1: return "tomorrow"
        case 2..<7: return "in \(days) days"
        default:
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_GB")
            formatter.calendar = calendar
            formatter.timeZone = calendar.timeZone
            formatter.dateFormat = "d MMM"
            return "in \(days) days (\(formatter.string(from: date)))"
        }
    }
}
