"""The questions the assistant (and the operator console) asks for each missing fact, in Chinese."""
from __future__ import annotations

from bot.domain.model import FactName

QUESTIONS: dict[str, str] = {
    FactName.CAUSE.value: "请简单说说遇到了什么困难？比如家里着火、出了车祸、突发重病、看病或上学花费太大、失业没有收入。",
    FactName.EVENT_PLACE.value: "事情发生在哪里？请说到县（市、区）和乡镇（街道），比如“鄢陵县马栏镇”。",
    FactName.EVENT_DATE.value: "大概是什么时候发生的？比如“昨天”“11月3号”。",
    FactName.HUKOU_PLACE.value: "您的户口在哪里？如果和事发地一样，回复“一样”就行。",
    FactName.HOUSEHOLD_SIZE.value: "家里一起生活的一共几口人？",
    FactName.APPLICANT_NAME.value: "请问您怎么称呼？请告诉我申请人的姓名。",
    FactName.PHONE.value: "请留一个能联系到您的电话号码。",
    FactName.ID_NUMBER.value: "请提供申请人的身份证号（18位），方便工作人员核实；现在不方便可以回复“暂不提供”。",
    FactName.PRIORITY_GROUP.value: "您家是低保户、特困人员、建档立卡贫困户或防返贫监测户吗？都不是请回复“都不是”。",
    FactName.EXPENSE_AMOUNT.value: "这次看病、上学或生活上必须花的钱，大概一共多少？",
    FactName.HOUSEHOLD_INCOME.value: "全家现在一个月大概收入多少钱？没有收入请回复“0元”。",
    "status_case_number": "请告诉我案件编号（以LS开头，提交申请时发给您的）。",
    "status_phone": "请告诉我申请时留的电话号码，用于核对身份。",
}

