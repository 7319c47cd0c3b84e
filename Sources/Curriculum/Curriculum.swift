/// Curriculum reads lessons, quizzes and the learner's progress.
public enum Curriculum {}
