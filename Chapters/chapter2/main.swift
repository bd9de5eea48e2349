import Notebook

let book = Notebook(chapter: 2, title: "Chapter 2", summary: "This chapter is being written.")
book.prose("This chapter is being written.")
book.finish()
