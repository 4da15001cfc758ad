//! A POSIX shell tokenizer for RUN commands: it yields simple commands with their words.
