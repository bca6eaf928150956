"""Quick-check questions for each chapter, as data (``seqlearn.quizzes.chNN.QUESTIONS``)."""
