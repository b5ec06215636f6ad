using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AnjuPortal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class HouseholdResolutionAndDuplicates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "AgreedReturnDate",
                table: "OverdueHouseholds",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "AgreementKind",
                table: "OverdueHouseholds",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AgreementNumber",
                table: "OverdueHouseholds",
                type: "TEXT",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "AgreementSignedOn",
                table: "OverdueHouseholds",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DuplicateOfId",
                table: "OverdueHouseholds",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DuplicateReason",
                table: "OverdueHouseholds",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsFlaggedDuplicate",
                table: "OverdueHouseholds",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<decimal>(
                name: "TransitionFeesOwed",
                table: "OverdueHouseholds",
                type: "TEXT",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<decimal>(
                name: "TransitionFeesPaid",
                table: "OverdueHouseholds",
                type: "TEXT",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<int>(
                name: "TransitionMonths",
                table: "OverdueHouseholds",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AgreedReturnDate",
                table: "OverdueHouseholds");

            migrationBuilder.DropColumn(
                name: "AgreementKind",
                table: "OverdueHouseholds");

            migrationBuilder.DropColumn(
                name: "AgreementNumber",
                table: "OverdueHouseholds");

            migrationBuilder.DropColumn(
                name: "AgreementSignedOn",
                table: "OverdueHouseholds");

            migrationBuilder.DropColumn(
                name: "DuplicateOfId",
                table: "OverdueHouseholds");

            migrationBuilder.DropColumn(
                name: "DuplicateReason",
                table: "OverdueHouseholds");

            migrationBuilder.DropColumn(
                name: "IsFlaggedDuplicate",
                table: "OverdueHouseholds");

            migrationBuilder.DropColumn(
                name: "TransitionFeesOwed",
                table: "OverdueHouseholds");

            migrationBuilder.DropColumn(
                name: "TransitionFeesPaid",
                table: "OverdueHouseholds");

            migrationBuilder.DropColumn(
                name: "TransitionMonths",
                table: "OverdueHouseholds");
        }
    }
}
