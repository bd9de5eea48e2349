import Notebook

let book = Notebook(chapter: 4, title: "Chapter 4", summary: "This chapter is being written.")
book.prose("This chapter is being written.")
book.finish()
