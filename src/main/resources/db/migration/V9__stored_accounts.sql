-- mailbox: accounts the owner entered in the settings page; passwords are encrypted with a key that is kept
-- outside the database (RAPPORT_SECRET_KEY, or <data>/keys/secret.key), so a dump alone reveals none of them
create table mail_accounts (
    name               varchar(100) not null primary key,
    address            varchar(320) not null,
    imap_host          varchar(255) not null,
    imap_port          int          not null,
    imap_security      varchar(10)  not null,
    imap_user          varchar(320) not null,
    imap_password      varchar(2000),
    smtp_host          varchar(255) not null,
    smtp_port          int          not null,
    smtp_security      varchar(10)  not null,
    smtp_user          varchar(320),
    smtp_password      varchar(2000),
    trust_any_certificate boolean   not null,
    updated_at         timestamp with time zone not null
);
