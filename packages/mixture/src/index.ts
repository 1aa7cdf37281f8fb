// Public API of @anneal/mixture (see DESIGN.md, "Layout").
export {};
