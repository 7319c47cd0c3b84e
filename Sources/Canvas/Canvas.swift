/// Canvas draws pictures into a buffer of cells and never touches the terminal.
public enum Canvas {}
