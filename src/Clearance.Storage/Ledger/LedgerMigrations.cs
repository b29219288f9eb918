namespace Clearance.Storage.Ledger;

/// <summary>One versioned step of the ledger schema, written for each engine; applied once, in order, recorded in schema_migrations.</summary>
internal sealed record Migration(int Version, string Name, string Sqlite, string Postgres)
{
    public string For(LedgerEngine engine) => engine == LedgerEngine.Sqlite ? Sqlite : Postgres;
}

/// <summary>
/// The ledger schema: the append-only audit log chained by SHA-256, its head, and the current-state tables that
/// project it. Same tables and columns on both engines; only the column types differ (SQLite keeps money as text
/// so it stays exact).
/// </summary>
internal static class LedgerMigrations
{
    public const string CreateMigrationsTable = "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";

    public static readonly IReadOnlyList<Migration> All =
    [
        new(1, "audit log, head and current-state tables", Sqlite: """
            CREATE TABLE ledger_head (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL, hash TEXT NOT NULL);
            INSERT INTO ledger_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
            CREATE TABLE audit_log (seq INTEGER PRIMARY KEY, recorded_at TEXT NOT NULL, actor TEXT NOT NULL, role TEXT NOT NULL, event_type TEXT NOT NULL, payload TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
            CREATE TABLE parties (id TEXT PRIMARY KEY, name TEXT NOT NULL, roles TEXT NOT NULL, country TEXT NOT NULL, parent_country TEXT NOT NULL, sector TEXT NOT NULL, end_use TEXT NOT NULL, status TEXT NOT NULL, reason TEXT NULL, expires TEXT NULL, list_version TEXT NULL, screening_hit INTEGER NULL, seq INTEGER NOT NULL);
            CREATE TABLE licences (number TEXT PRIMARY KEY, jurisdiction TEXT NOT NULL, products TEXT NOT NULL, parties TEXT NOT NULL, conditions TEXT NOT NULL, authorised_units INTEGER NOT NULL, reserved_units INTEGER NOT NULL, used_units INTEGER NOT NULL, authorised_value_usd TEXT NOT NULL, reserved_value_usd TEXT NOT NULL, used_value_usd TEXT NOT NULL, valid_from TEXT NOT NULL, valid_to TEXT NOT NULL, seq INTEGER NOT NULL, CHECK (reserved_units + used_units <= authorised_units));
            CREATE TABLE quota_pools (id TEXT PRIMARY KEY, jurisdiction TEXT NOT NULL, product TEXT NOT NULL, buyers TEXT NOT NULL, total_units INTEGER NOT NULL, reserved_units INTEGER NOT NULL, used_units INTEGER NOT NULL, valid_from TEXT NOT NULL, valid_to TEXT NOT NULL, source TEXT NOT NULL, confidence TEXT NOT NULL, seq INTEGER NOT NULL, CHECK (reserved_units + used_units <= total_units));
            CREATE TABLE volume_caps (id TEXT PRIMARY KEY, product TEXT NOT NULL, destinations TEXT NOT NULL, ratio_percent TEXT NOT NULL, base_country TEXT NOT NULL, base_units INTEGER NOT NULL, limit_units INTEGER NOT NULL, reserved_units INTEGER NOT NULL, used_units INTEGER NOT NULL, source TEXT NOT NULL, seq INTEGER NOT NULL, CHECK (reserved_units + used_units <= limit_units));
            CREATE TABLE orders (id TEXT PRIMARY KEY, verdict TEXT NOT NULL, as_of TEXT NOT NULL, packs TEXT NOT NULL, levies TEXT NOT NULL, seq INTEGER NOT NULL);
            CREATE TABLE shipments (key TEXT PRIMARY KEY, order_id TEXT NOT NULL, consignee TEXT NOT NULL, end_user TEXT NOT NULL, destination TEXT NOT NULL, product TEXT NOT NULL, units INTEGER NOT NULL, value_usd TEXT NOT NULL, licence TEXT NULL, date TEXT NOT NULL, status TEXT NOT NULL, shipped_on TEXT NULL, seq INTEGER NOT NULL);
            CREATE TABLE levy_accruals (seq INTEGER PRIMARY KEY, shipment_key TEXT NOT NULL, kind TEXT NOT NULL, payee TEXT NOT NULL, rate_percent TEXT NOT NULL, amount_usd TEXT NOT NULL, period TEXT NOT NULL, on_date TEXT NOT NULL);
            CREATE INDEX levy_accruals_period ON levy_accruals (period);
            """, Postgres: """
            CREATE TABLE ledger_head (id INTEGER PRIMARY KEY CHECK (id = 1), seq BIGINT NOT NULL, hash TEXT NOT NULL);
            INSERT INTO ledger_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
            CREATE TABLE audit_log (seq BIGINT PRIMARY KEY, recorded_at TEXT NOT NULL, actor TEXT NOT NULL, role TEXT NOT NULL, event_type TEXT NOT NULL, payload TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
            CREATE TABLE parties (id TEXT PRIMARY KEY, name TEXT NOT NULL, roles TEXT NOT NULL, country TEXT NOT NULL, parent_country TEXT NOT NULL, sector TEXT NOT NULL, end_use TEXT NOT NULL, status TEXT NOT NULL, reason TEXT NULL, expires DATE NULL, list_version TEXT NULL, screening_hit BOOLEAN NULL, seq BIGINT NOT NULL);
            CREATE TABLE licences (number TEXT PRIMARY KEY, jurisdiction TEXT NOT NULL, products TEXT NOT NULL, parties TEXT NOT NULL, conditions TEXT NOT NULL, authorised_units BIGINT NOT NULL, reserved_units BIGINT NOT NULL, used_units BIGINT NOT NULL, authorised_value_usd NUMERIC(24,2) NOT NULL, reserved_value_usd NUMERIC(24,2) NOT NULL, used_value_usd NUMERIC(24,2) NOT NULL, valid_from DATE NOT NULL, valid_to DATE NOT NULL, seq BIGINT NOT NULL, CHECK (reserved_units + used_units <= authorised_units));
            CREATE TABLE quota_pools (id TEXT PRIMARY KEY, jurisdiction TEXT NOT NULL, product TEXT NOT NULL, buyers TEXT NOT NULL, total_units BIGINT NOT NULL, reserved_units BIGINT NOT NULL, used_units BIGINT NOT NULL, valid_from DATE NOT NULL, valid_to DATE NOT NULL, source TEXT NOT NULL, confidence TEXT NOT NULL, seq BIGINT NOT NULL, CHECK (reserved_units + used_units <= total_units));
            CREATE TABLE volume_caps (id TEXT PRIMARY KEY, product TEXT NOT NULL, destinations TEXT NOT NULL, ratio_percent NUMERIC(9,4) NOT NULL, base_country TEXT NOT NULL, base_units BIGINT NOT NULL, limit_units BIGINT NOT NULL, reserved_units BIGINT NOT NULL, used_units BIGINT NOT NULL, source TEXT NOT NULL, seq BIGINT NOT NULL, CHECK (reserved_units + used_units <= limit_units));
            CREATE TABLE orders (id TEXT PRIMARY KEY, verdict TEXT NOT NULL, as_of DATE NOT NULL, packs TEXT NOT NULL, levies TEXT NOT NULL, seq BIGINT NOT NULL);
            CREATE TABLE shipments (key TEXT PRIMARY KEY, order_id TEXT NOT NULL, consignee TEXT NOT NULL, end_user TEXT NOT NULL, destination TEXT NOT NULL, product TEXT NOT NULL, units BIGINT NOT NULL, value_usd NUMERIC(24,2) NOT NULL, licence TEXT NULL, date DATE NOT NULL, status TEXT NOT NULL, shipped_on DATE NULL, seq BIGINT NOT NULL);
            CREATE TABLE levy_accruals (seq BIGINT PRIMARY KEY, shipment_key TEXT NOT NULL, kind TEXT NOT NULL, payee TEXT NOT NULL, rate_percent NUMERIC(9,4) NOT NULL, amount_usd NUMERIC(24,2) NOT NULL, period TEXT NOT NULL, on_date DATE NOT NULL);
            CREATE INDEX levy_accruals_period ON levy_accruals (period);
            """),
        new(2, "API credentials: issued keys (hashed) and revocations, insert-only", Sqlite: """
            CREATE TABLE credentials (id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, secret_sha256 TEXT NOT NULL, issued_at TEXT NOT NULL, issued_by TEXT NOT NULL);
            CREATE TABLE credential_revocations (id TEXT PRIMARY KEY REFERENCES credentials (id), revoked_at TEXT NOT NULL, revoked_by TEXT NOT NULL, reason TEXT NOT NULL);
            """, Postgres: """
            CREATE TABLE credentials (id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, secret_sha256 TEXT NOT NULL, issued_at TEXT NOT NULL, issued_by TEXT NOT NULL);
            CREATE TABLE credential_revocations (id TEXT PRIMARY KEY REFERENCES credentials (id), revoked_at TEXT NOT NULL, revoked_by TEXT NOT NULL, reason TEXT NOT NULL);
            """),
    ];

    public static int Latest => All[^1].Version;
}
