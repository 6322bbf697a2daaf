using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DaoTaoNghe.Data.Migrations;

[DbContext(typeof(AppDbContext))]
[Migration("20261122014500_LearnerSearchTrigrams")]
public sealed class LearnerSearchTrigrams : ScriptMigration;
