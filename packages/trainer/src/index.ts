// Public API of @anneal/trainer (see DESIGN.md, "Layout").
export {};
