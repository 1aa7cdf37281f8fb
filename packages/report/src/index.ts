// Public API of @anneal/report (see DESIGN.md, "Layout").
export {};
