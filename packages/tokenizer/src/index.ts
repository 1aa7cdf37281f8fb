// Public API of @anneal/tokenizer (see DESIGN.md, "Layout").
export {};
