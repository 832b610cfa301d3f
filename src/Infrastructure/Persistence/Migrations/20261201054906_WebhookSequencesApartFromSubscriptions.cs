using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StateHub.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// A subscription's sequence numbers move to a row of their own (<c>webhook_sequences</c>, see
    /// WebhookSequences). A writer queueing events kept the subscription row locked from taking its
    /// numbers until it committed, so every delivery outcome (the health counters) and every admin
    /// edit of the subscription waited for the writers, and the writers for them.
    /// <para>
    /// Rolling upgrades: nodes of the previous version still take numbers with
    /// <c>UPDATE webhook_subscriptions SET last_sequence = last_sequence + n … RETURNING last_sequence</c>.
    /// The column stays (with a default, as this version no longer writes it) and a trigger turns such an
    /// update into one of the new row, returning its number, so both versions count on one counter.
    /// A later migration can drop the column and the trigger once no node of that version runs.
    /// (The previous version's ping still numbers from the column it read; pings are an admin's test.)
    /// </para>
    /// </summary>
    public partial class WebhookSequencesApartFromSubscriptions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE webhook_sequences (
                    subscription_id uuid NOT NULL CONSTRAINT pk_webhook_sequences PRIMARY KEY
                        CONSTRAINT fk_webhook_sequences_webhook_subscriptions_subscription_id
                        REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
                    last_sequence bigint NOT NULL DEFAULT 0
                );
                INSERT INTO webhook_sequences (subscription_id, last_sequence)
                SELECT id, last_sequence FROM webhook_subscriptions;

                CREATE FUNCTION statehub_create_webhook_sequence() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO webhook_sequences (subscription_id) VALUES (NEW.id);
                    RETURN NULL;
                END $$;
                CREATE TRIGGER webhook_subscriptions_create_sequence AFTER INSERT ON webhook_subscriptions
                    FOR EACH ROW EXECUTE FUNCTION statehub_create_webhook_sequence();

                ALTER TABLE webhook_subscriptions ALTER COLUMN last_sequence SET DEFAULT 0;
                CREATE FUNCTION statehub_take_webhook_sequence_of_previous_version() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE webhook_sequences SET last_sequence = last_sequence + (NEW.last_sequence - OLD.last_sequence)
                    WHERE subscription_id = NEW.id
                    RETURNING last_sequence INTO NEW.last_sequence;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER webhook_subscriptions_previous_version_sequence BEFORE UPDATE OF last_sequence ON webhook_subscriptions
                    FOR EACH ROW WHEN (NEW.last_sequence IS DISTINCT FROM OLD.last_sequence)
                    EXECUTE FUNCTION statehub_take_webhook_sequence_of_previous_version();
                """);
        }

        /// <summary>Back to the counter on the subscription row; run it with the nodes stopped (a rollback restores the previous version).</summary>
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER webhook_subscriptions_previous_version_sequence ON webhook_subscriptions;
                DROP FUNCTION statehub_take_webhook_sequence_of_previous_version();
                DROP TRIGGER webhook_subscriptions_create_sequence ON webhook_subscriptions;
                DROP FUNCTION statehub_create_webhook_sequence();
                UPDATE webhook_subscriptions s SET last_sequence = q.last_sequence
                FROM webhook_sequences q WHERE q.subscription_id = s.id;
                ALTER TABLE webhook_subscriptions ALTER COLUMN last_sequence DROP DEFAULT;
                DROP TABLE webhook_sequences;
                """);
        }
    }
}
