/// App holds the tutor's screens as state machines.
public enum App {}
