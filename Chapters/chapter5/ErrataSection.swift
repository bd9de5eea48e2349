// Section 2 of chapter 5: what is wrong with the article: its code, its omissions, its prose, its references.

import Models
import Notebook

/// Lists the article's errors: its code by class and method, what its example omits, its prose and its references.
func errataSection(_ book: Notebook) {
    let article = Seq2SeqConfiguration.article
    book.section("What is wrong with the article")
    book.prose("""
    The article's code does not run, and if its crashes were patched it still would not attend. Each item \
    names the class and method, says why it is wrong, and what the corrected model in this book does. Counted \
    as written (the decoder without a context input, attention layers with biases, the decoder held a \
    second time inside the attention module but counted once), the article's model would have \
    \(articleAsWrittenCount(vocabulary: article.vocabularySize, embedding: article.embeddingSize, hidden: article.hiddenSize)) parameters; the difference from the \
    corrected count is the context input of the decoder's first LSTM layer and output layer, less the \
    attention biases.
    """)
    book.list(articleErrata)
    book.prose("""
    Fixing the code is not enough to make the example useful: it leaves out everything around the model.
    """)
    book.list(articleOmissions)
    book.prose("""
    The prose has errors of its own, where it contradicts the formula it states or the papers it draws on:
    """)
    book.list(articleProseErrors)
    book.prose("And its reference list does not support the article:")
    book.list(articleReferenceErrors)
}
