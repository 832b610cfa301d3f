using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StateHub.Infrastructure.Persistence.Idempotency;

namespace StateHub.Infrastructure.Persistence.Configurations;

/// <summary>Stored responses of POSTs sent with an Idempotency-Key (§15); IdempotencyStore reads and writes them with plain SQL, so the context has no DbSet for them.</summary>
internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("idempotency_keys");
        builder.HasKey(r => new { r.Scope, r.Key });
        builder.Property(r => r.Scope).HasMaxLength(200);
        builder.Property(r => r.Key).HasMaxLength(255);
        builder.Property(r => r.RequestHash).HasMaxLength(64).IsRequired();
        builder.Property(r => r.Headers).HasColumnType("jsonb");
        builder.HasIndex(r => r.ExpiresAt);
    }
}
