"""What a reader sees of an explorer built by ``seqlearn.widgets.explorer``."""


def explorer_controls(box):
    """The controls of an explorer, in order: each row holds its label and its control,
    and the last child of the box is the figure's output area."""
    return [row.children[-1] for row in box.children[:-1]]


def explorer_labels(box):
    """The labels shown above the controls (kept as each control's tooltip)."""
    return [c.tooltip for c in explorer_controls(box)]
