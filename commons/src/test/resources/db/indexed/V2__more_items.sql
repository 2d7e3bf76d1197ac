CREATE TABLE more_item (id bigint PRIMARY KEY);
