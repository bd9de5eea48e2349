import Notebook

let book = Notebook(chapter: 5, title: "Chapter 5", summary: "This chapter is being written.")
book.prose("This chapter is being written.")
book.finish()
