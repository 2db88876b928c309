-- The executive summary's targets (features/summary/targets.rs), set by admins: one per headline
-- tile, by its token. A rate's target is a level; an amount's is per calendar year. Changes are
-- audited (summary.targets_set) with the values before and after.
CREATE TABLE summary_targets (
    headline TEXT PRIMARY KEY,
    value    REAL NOT NULL,
    set_by   INTEGER REFERENCES users (id),
    set_at   INTEGER NOT NULL
);
