using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StateHub.Domain.Webhooks;

namespace StateHub.Infrastructure.Persistence.Configurations;

internal sealed class WebhookSubscriptionConfiguration : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> builder)
    {
        builder.ToTable("webhook_subscriptions");
        builder.ConfigureEntityBase();
        builder.Property(s => s.Url).HasMaxLength(WebhookSubscription.UrlMaxLength).IsRequired();
        builder.Property(s => s.Description).HasMaxLength(WebhookSubscription.DescriptionMaxLength);
        builder.Property(s => s.EventTypes).IsRequired();
        builder.Property(s => s.RepoSlugs).IsRequired();
        builder.Property(s => s.DomainSlugs).IsRequired();
        builder.Property(s => s.Secret).HasMaxLength(200).IsRequired();
        builder.Property(s => s.PreviousSecret).HasMaxLength(200);
        builder.Property(s => s.DisabledReason).HasMaxLength(WebhookSubscription.DisabledReasonMaxLength);
        // Sequence numbers live in their own table, webhook_sequences (WebhookSequences), not here.
    }
}

internal sealed class WebhookEventConfiguration : IEntityTypeConfiguration<WebhookEvent>
{
    public void Configure(EntityTypeBuilder<WebhookEvent> builder)
    {
        builder.ToTable("webhook_events");
        builder.ConfigureEntityBase();
        builder.Property(e => e.Type).HasMaxLength(WebhookEvent.TypeMaxLength).IsRequired();
        builder.Property(e => e.OccurredAt).IsRequired();
        builder.Property(e => e.Data).HasColumnType("jsonb").IsRequired();
        builder.Property(e => e.RepoSlugs).IsRequired();
        builder.Property(e => e.DomainSlugs).IsRequired();
        builder.HasIndex(e => e.CreatedAt);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("webhook_deliveries");
        builder.ConfigureEntityBase();
        builder.HasOne<WebhookSubscription>().WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<WebhookEvent>().WithMany().HasForeignKey(d => d.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(d => d.EventType).HasMaxLength(WebhookEvent.TypeMaxLength).IsRequired();
        builder.Property(d => d.Status).IsSnakeCaseEnum().IsRequired();
        builder.Property(d => d.ResponseBody).HasMaxLength(WebhookDelivery.ResponseBodyMaxBytes);
        builder.Property(d => d.Error).HasMaxLength(WebhookDelivery.ErrorMaxLength);
        // What the workers lease: pending attempts by due time.
        builder.HasIndex(d => d.NextAttemptAt).HasFilter("status = 'pending'").HasDatabaseName("ix_webhook_deliveries_due");
        builder.HasIndex(d => new { d.SubscriptionId, d.CreatedAt });
        builder.HasIndex(d => new { d.SubscriptionId, d.EventId, d.Attempt }).IsUnique();
    }
}
