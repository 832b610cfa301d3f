using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StateHub.Domain.Common;
using StateHub.Domain.Domains;

namespace StateHub.Infrastructure.Persistence.Configurations;

internal sealed class RepoDomainConfiguration : IEntityTypeConfiguration<RepoDomain>
{
    public void Configure(EntityTypeBuilder<RepoDomain> builder)
    {
        builder.ToTable("domains");
        builder.ConfigureEntityBase();
        builder.Property(d => d.Slug).HasMaxLength(Slug.MaxLength).IsRequired();
        builder.HasIndex(d => d.Slug).IsUnique();
        builder.Property(d => d.Name).HasMaxLength(RepoDomain.NameMaxLength).IsRequired();
        builder.Property(d => d.Description).HasMaxLength(RepoDomain.DescriptionMaxLength);
        builder.Property(d => d.Status).IsSnakeCaseEnum().IsRequired();
    }
}
