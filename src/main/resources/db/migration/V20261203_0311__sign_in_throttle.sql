-- failed sign-ins that still count, per account ('account:<email>') and per client address ('address:<ip>')
create table sign_in_throttle (
    subject         varchar(400) primary key,
    failures        integer not null,
    last_failure_at timestamp with time zone not null,
    next_attempt_at timestamp with time zone not null,
    locked_until    timestamp with time zone
);
create index sign_in_throttle_last_failure on sign_in_throttle (last_failure_at);
