-- a reply over the rate limit stays PENDING, held until this time, then is checked again
alter table inbound_message add column hold_until timestamp with time zone;
create index inbound_message_posted_sender on inbound_message (disposition, sender, processed_at);
