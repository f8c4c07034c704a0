alter table general_case_settings add column sender_notices_enabled boolean default false not null;

-- one notice per sender address, reason and (UTC) day: the key makes a second one lose
create table sender_notice (
    address            varchar(320) not null,
    reason             varchar(20)  not null,
    notice_day         date         not null,
    inbound_message_id bigint       not null,
    sent_at            timestamp with time zone not null,
    primary key (address, reason, notice_day)
);
