import Notebook

let book = Notebook(chapter: 1, title: "Chapter 1", summary: "This chapter is being written.")
book.prose("This chapter is being written.")
book.finish()
