import Notebook

let book = Notebook(chapter: 3, title: "Chapter 3", summary: "This chapter is being written.")
book.prose("This chapter is being written.")
book.finish()
